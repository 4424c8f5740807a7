import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sha256Hex } from './sha256';
import { encodeUtf8 } from './utf8';
import { seededRandom } from '../../test/support/seeded-random';

const random = seededRandom(42);
const randomText = (length: number): string =>
  Array.from({ length }, () => {
    const pick = random.next();
    if (pick < 0.6) return String.fromCharCode(32 + Math.floor(random.next() * 95));
    if (pick < 0.8) return String.fromCharCode(0xa0 + Math.floor(random.next() * 0x700));
    if (pick < 0.9) return '😀🇸🇪'.slice(0, 2);
    return String.fromCharCode(0x4e00 + Math.floor(random.next() * 500));
  }).join('');

describe('sha256', () => {
  it('matches node:crypto for the FIPS vectors and every length around the block boundaries', () => {
    const inputs = ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'];
    for (let length = 0; length <= 200; length++) inputs.push('x'.repeat(length));
    for (const input of inputs)
      expect(sha256Hex(input), JSON.stringify(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
  });

  it('matches node:crypto on random Unicode text, emoji and CJK included', () => {
    for (let i = 0; i < 200; i++) {
      const text = randomText(Math.floor(random.next() * 300));
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('hashes a megabyte like node:crypto', () => {
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31) & 0xff);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('hmacSha256', () => {
  it('matches node:crypto for empty, short, block-sized and long keys', () => {
    for (const key of ['', 'k', 'secret', 'x'.repeat(64), 'y'.repeat(65), 'é'.repeat(100)]) {
      for (const message of ['', '1718452800.{"a":1}', randomText(500)]) {
        expect(hmacSha256Hex(key, message)).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
      }
    }
  });

  it('passes RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('encodeUtf8', () => {
  it('encodes like Buffer, lone surrogates as U+FFFD', () => {
    for (const text of ['', 'plain', 'åäö', '€', '😀', '\ud800', 'a\udc00b', '\ud83d', randomText(100)]) {
      expect([...encodeUtf8(text)]).toEqual([...Buffer.from(text, 'utf8')]);
    }
  });
});
