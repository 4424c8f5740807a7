// The text escapes of `sms send`, as the emulator's `sms_utf8_from_message_str` reads them
// (android/telephony/sms.c): \\ \n \xNN \uNNNN, and nothing else (no \t, no \r).

const hexDigits = /^[0-9A-Fa-f]+$/;

/**
 * Decodes the text of an `sms send` line; null when the emulator would answer "badly formatted text".
 * `\uNNNN` is one UTF-16 code unit, so an emoji arrives as two escapes (a surrogate pair).
 */
export function decodeSmsText(escaped: string): string | null {
  let decoded = '';
  let index = 0;
  while (index < escaped.length) {
    const next = escaped.indexOf('\\', index);
    if (next === -1) return decoded + escaped.slice(index);
    decoded += escaped.slice(index, next);
    const kind = escaped[next + 1];
    if (kind === '\\') {
      decoded += '\\';
      index = next + 2;
    } else if (kind === 'n') {
      decoded += '\n';
      index = next + 2;
    } else if (kind === 'x' || kind === 'u') {
      const width = kind === 'x' ? 2 : 4;
      const hex = escaped.slice(next + 2, next + 2 + width);
      if (hex.length !== width || !hexDigits.test(hex)) return null;
      decoded += String.fromCharCode(Number.parseInt(hex, 16));
      index = next + 2 + width;
    } else {
      return null; // an unknown escape, or a lone backslash at the end
    }
  }
  return decoded;
}

const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/**
 * Escapes any JS string for one console line so that it arrives unchanged: printable ASCII stays,
 * `\` and newline get their short escapes, everything else becomes `\uNNNN` per UTF-16 code unit.
 * Non-ASCII is escaped rather than sent as UTF-8 because the emulator's decoder mangles
 * 4-byte UTF-8 (it keeps only 16 bits of the code point), and it filters every raw CR.
 */
export function escapeSmsText(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) escaped += '\\\\';
    else if (code === 0x0a) escaped += '\\n';
    else if (code < 0x20 || code >= 0x7f) escaped += `\\u${hex4(code)}`;
    else escaped += text[index];
  }
  return escaped;
}
