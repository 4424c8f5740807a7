// The emulator console protocol: a server for the virtual device, a client and an adb fallback for the injector.
export { startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './console-server';
export { ConsoleClient, type ConsoleClientOptions } from './console-client';
export type { ConsoleLink } from './console-link';
export { ConsoleReplyError } from './console-reply-error';
export { sendSmsViaAdb, parseAdbEmuOutput, type AdbEmuOptions } from '../emulator/adb-emu';
export {
  readConsoleAuthToken,
  defaultAuthTokenPath,
  ensureConsoleAuthToken,
  tokenFileBreaksAdbOutput,
} from './auth-token';
export { escapeSmsText, decodeSmsText } from '../../sms/sms-text-escape';
export { isValidPhoneNumber } from '../../sms/phone-number';
export type { ConsoleLogger } from './console-session';
export { consoleDefaults } from './defaults';
