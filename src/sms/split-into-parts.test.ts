import { describe, expect, it } from 'vitest';
import { splitIntoParts } from './sms-parts';

const join = (parts: ReturnType<typeof splitIntoParts>): string => parts.map((part) => part.body).join('');

describe('splitIntoParts', () => {
  it('keeps a 160-character GSM text in one part', () => {
    expect(splitIntoParts('a'.repeat(160))).toEqual([{ body: 'a'.repeat(160), index: 1, total: 1 }]);
  });

  it('splits a 161-character GSM text into 153-septet parts', () => {
    const parts = splitIntoParts('b'.repeat(161));
    expect(parts.map((part) => part.body.length)).toEqual([153, 8]);
    expect(parts.map((part) => [part.index, part.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('counts extension characters as two septets', () => {
    expect(splitIntoParts('€'.repeat(80))).toHaveLength(1);
    expect(splitIntoParts('€'.repeat(81))).toHaveLength(2);
  });

  it('uses UCS-2 limits for texts outside the GSM alphabet', () => {
    expect(splitIntoParts('ж'.repeat(70))).toHaveLength(1);
    const parts = splitIntoParts('ж'.repeat(71));
    expect(parts.map((part) => part.body.length)).toEqual([67, 4]);
  });

  it('never splits an emoji surrogate pair across parts', () => {
    const text = `${'x'.repeat(66)}😀${'y'.repeat(10)}`;
    const parts = splitIntoParts(text);
    expect(parts[0]?.body.endsWith('x')).toBe(true);
    expect(parts[1]?.body.startsWith('😀')).toBe(true);
    expect(join(parts)).toBe(text);
  });

  it('round-trips a long mixed text through its parts', () => {
    const text = 'Привет, мир! 👋 '.repeat(30);
    expect(join(splitIntoParts(text))).toBe(text);
  });

  it('keeps an empty text as one empty part', () => {
    expect(splitIntoParts('')).toEqual([{ body: '', index: 1, total: 1 }]);
  });
});
