import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSmsText, escapeSmsText } from './sms-text-escape';

describe('decodeSmsText', () => {
  it('decodes the four escapes the emulator knows', () => {
    expect(decodeSmsText('a\\nb \\\\ \\x41\\x7e \\u00E9\\u00e9')).toBe('a\nb \\ A~ éé');
  });

  it('joins a surrogate pair written as two \\u escapes into one emoji', () => {
    expect(decodeSmsText('\\uD83D\\uDE00')).toBe('😀');
  });

  it('keeps raw UTF-8 text and spaces as they are', () => {
    expect(decodeSmsText('  héllo 😀  ')).toBe('  héllo 😀  ');
  });

  it.each(['\\t', '\\r', '\\', 'end\\', '\\x4', '\\xZZ', '\\u12', '\\u12G4', '\\q'])(
    'calls %j badly formatted',
    (text) => {
      expect(decodeSmsText(text)).toBeNull();
    },
  );
});

describe('escapeSmsText', () => {
  it('leaves printable ASCII alone and escapes backslash, newline, control and non-ASCII characters', () => {
    expect(escapeSmsText('a b\\c\nd\re\tf é😀\x7f')).toBe('a b\\\\c\\nd\\u000De\\u0009f \\u00E9\\uD83D\\uDE00\\u007F');
  });

  it('produces a single line of ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeSmsText(text)).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  });

  it('round-trips any string, lone surrogates and NUL included, through decodeSmsText', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(codeUnit, fc.constantFrom('\\', '\n', '\\n', '\\u', 'x')) }), (text) => {
        expect(decodeSmsText(escapeSmsText(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
