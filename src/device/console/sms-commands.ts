// The console commands that inject one SMS: `sms send` when the console's address rule takes the
// sender, else the SMS as SMS-DELIVER PDUs, one `sms pdu` per part (an alphanumeric sender).
import { SmsgwError } from '../../errors';
import { isValidPhoneNumber } from '../../sms/phone-number';
import { consoleDefaults } from './defaults';
import { encodeDeliverPdus } from '../../sms/sms-pdu';
import { escapeSmsText } from '../../sms/sms-text-escape';

/** One console command, as words: the line is them joined by spaces, and `adb emu` takes them as arguments. */
export type SmsCommand = readonly string[];

export interface SmsCommandOptions {
  /** Concatenation reference of a multipart PDU SMS, 0–255: vary it between SMS. */
  readonly reference: number;
  /** TP-SCTS of the PDUs, ms since epoch. */
  readonly timestampMs: number;
}

/** The commands for one SMS, in order; throws `bad-option` for an SMS no console line can carry. */
export function smsCommands(sender: string, text: string, options: SmsCommandOptions): SmsCommand[] {
  // `sms send` takes the console's address rule only; any other sender goes as PDUs.
  if (!isValidPhoneNumber(sender)) return encodeDeliverPdus(sender, text, options).map((hex) => ['sms', 'pdu', hex]);
  const command = ['sms', 'send', sender, escapeSmsText(text)];
  const length = command.join(' ').length;
  if (length > consoleDefaults.maxLineBytes) {
    throw new SmsgwError(
      'bad-option',
      `SMS text too long for one console line: ${length} bytes after escaping, the console takes ${consoleDefaults.maxLineBytes}`,
      {
        hint: 'send a shorter text; every non-ASCII character costs 6 bytes (\\uNNNN)',
      },
    );
  }
  return [command];
}
