import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './random';

describe('createRandom', () => {
  it('replays the same numbers from the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(createRandom(43).next()).not.toBe(first[0]);
  });

  it('stays within [0, 1) and within int bounds', () => {
    const random = createRandom(1);
    const values = Array.from({ length: 10_000 }, () => random.next());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const ints = new Set(Array.from({ length: 1000 }, () => random.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('picks every item of a list eventually, and refuses an empty list', () => {
    const random = createRandom(9);
    const seen = new Set(Array.from({ length: 200 }, () => random.pick(['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('gives each stream of one seed its own 32-bit seed, the same every time', () => {
    expect(deriveSeed(1, 'messages')).toBe(deriveSeed(1, 'messages'));
    expect(deriveSeed(1, 'messages')).not.toBe(deriveSeed(1, 'faults'));
    expect(deriveSeed(1, 'messages')).not.toBe(deriveSeed(2, 'messages'));
    expect(Number.isInteger(deriveSeed(1, 'x')) && deriveSeed(1, 'x') >= 0 && deriveSeed(1, 'x') < 2 ** 32).toBe(true);
  });
});
