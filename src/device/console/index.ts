// The emulator console protocol: a server for the virtual device and a client for the injector (the adb fallback lives in `src/device/emulator/adb-emu`).
export { startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './console-server';
export { ConsoleClient, type ConsoleClientOptions } from './console-client';
export type { ConsoleLink } from './console-link';
export { ConsoleReplyError } from './console-reply-error';
export {
  readConsoleAuthToken,
  defaultAuthTokenPath,
  ensureConsoleAuthToken,
  tokenFileBreaksAdbOutput,
} from './auth-token';
export { escapeSmsText, decodeSmsText } from '../../sms/sms-text-escape';
export { isValidPhoneNumber } from '../../sms/phone-number';
export type { ConsoleLogger } from './console-session';
export type { LinkControl } from './link-commands';
export { consoleDefaults } from './defaults';
