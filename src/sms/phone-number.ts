// Which senders the emulator console accepts for `sms send`.
import { smsDefaults } from './defaults';

const phoneNumberPattern = new RegExp(`^\\+?[0-9]{1,${smsDefaults.maxPhoneDigits}}$`);

/** The emulator's `sms_address_from_str` rule: `[+](0-9)*`, at least one digit, at most 32. */
export function isValidPhoneNumber(value: string): boolean {
  return phoneNumberPattern.test(value);
}
