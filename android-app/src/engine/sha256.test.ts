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
  it('gives the published digests of FIPS 180-2 (appendix B) and its million-a message', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

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

  it('passes RFC 4231 test cases 1, 3, 4, 5 (truncated to 128 bits), 6 and 7', () => {
    const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
    const cases: [key: Uint8Array, data: Uint8Array | string, mac: string][] = [
      [bytes('0b'.repeat(20)), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
      [
        bytes('aa'.repeat(20)),
        bytes('dd'.repeat(50)),
        '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
      ],
      [
        bytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
        bytes('cd'.repeat(50)),
        '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
      ],
      [bytes('0c'.repeat(20)), 'Test With Truncation', 'a3b6167473100ee06e0c796c2955552b'],
      [
        bytes('aa'.repeat(131)),
        'Test Using Larger Than Block-Size Key - Hash Key First',
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      ],
      [
        bytes('aa'.repeat(131)),
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
        '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
      ],
    ];
    for (const [key, data, mac] of cases) expect(hmacSha256Hex(key, data).slice(0, mac.length)).toBe(mac);
  });
});

describe('encodeUtf8', () => {
  it('encodes like Buffer, lone surrogates as U+FFFD', () => {
    for (const text of ['', 'plain', 'åäö', '€', '😀', '\ud800', 'a\udc00b', '\ud83d', randomText(100)]) {
      expect([...encodeUtf8(text)]).toEqual([...Buffer.from(text, 'utf8')]);
    }
  });
});
