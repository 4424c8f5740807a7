// The emulator console's wire text, copied from android-emu/android/console.cpp so that clients
// written against the real emulator (adb, Android Studio, our own) cannot tell the difference.
import { consoleDefaults } from './defaults';

export const CRLF = '\r\n';

/** Banner when auth is required; Android Studio matches the first line exactly. */
export const authBanner = (tokenPath: string): string =>
  'Android Console: Authentication required\r\n' +
  "Android Console: type 'auth <auth_token>' to authenticate\r\n" +
  // The emulator really writes a space before this CRLF.
  'Android Console: you can find your <auth_token> in \r\n' +
  `'${tokenPath}'\r\nOK\r\n`;

/** Written on connect when auth is off, and after a successful `auth` (followed by OK). */
export const helpPrompt = "Android Console: type 'help' for a list of commands\r\n";

export const replies = {
  ok: 'OK\r\n',
  unknownCommand: "KO: unknown command, try 'help'\r\n",
  missingToken: 'KO: missing authentication token\r\n',
  tokenMismatch: 'KO: authentication token does not match ~/.emulator_console_auth_token\r\n',
  missingSmsArgument: "KO: missing argument, try 'sms send <phonenumber> <text message>'\r\n",
  badPhoneNumber: 'KO: bad phone number format, must be [+](0-9)*\r\n',
  badText:
    'message must be utf8 and can use the following escapes:\r\n' +
    '    \\n      for a newline\r\n' +
    '    \\xNN    where NN are two hexadecimal numbers\r\n' +
    '    \\uNNNN  where NNNN are four hexadecimal numbers\r\n' +
    "    \\\\     to send a '\\' character\r\n\r\n" +
    '    anything else is an error\r\n' +
    'KO: badly formatted text\r\n',
  // 'sendpdu': the emulator's own name for it in this message, though the command is `sms pdu`.
  missingPduArgument: "KO: missing argument, try 'sms sendpdu <hexstring>'\r\n",
  badPdu: 'KO: badly formatted <hexstring>\r\n',
  missingSubCommand: 'KO: missing sub-command\r\n',
  // Two spaces: the emulator's own typo, kept for fidelity.
  badSubCommand: 'KO:  bad sub-command\r\n',
  forbiddenHttp: 'KO: Forbidden HTTP request. Aborting\r\n',
  forbiddenBinary: 'KO: Forbidden binary request. Aborting\r\n',
  // Ours: the emulator silently restarts its buffer, which turns the tail of the line into a command.
  lineTooLong: `KO: line too long, max ${consoleDefaults.maxLineBytes} bytes\r\n`,
  // Ours: the emulator has no limits on idle clients; a virtual device serving a busy machine does.
  authTimeout: 'KO: authentication timeout\r\n',
  tooManyConnections: (max: number): string => `KO: too many console connections (max ${max}), try again later\r\n`,
} as const;

// RFC 2616 §5.1 request line: a method, then at the end a token starting with HTTP/.
// The emulator lists GET HEAD POST PUT DELETE TRACE CONNECT; any upper-case method is refused here,
// which catches OPTIONS and PATCH too and cannot hit a console command (they are lower-case).
const httpRequestLine = /^[A-Z]+[ \t](?:.*[ \t])?HTTP\/\S+[ \t]*$/;

/** True for a browser's request line: the emulator drops such clients to defeat cross-protocol attacks. */
export function isHttpRequestLine(line: string): boolean {
  return httpRequestLine.test(line);
}
