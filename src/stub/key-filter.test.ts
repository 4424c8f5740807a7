import { describe, expect, it } from 'vitest';
import { createKeyFilter } from './key-filter';

describe('createKeyFilter', () => {
  it('never says no to a key it was given', () => {
    const filter = createKeyFilter(2 ** 16);
    const keys = Array.from({ length: 5000 }, (_, i) => `msg-${i}-${(i * 7919) % 1000}`);
    keys.forEach((key) => filter.add(key));
    expect(keys.every((key) => filter.mayHave(key))).toBe(true);
  });

  it('says no to almost every key it was not given, at the sizing the stub uses', () => {
    const filter = createKeyFilter(2 ** 20);
    for (let i = 0; i < 50_000; i += 1) filter.add(`accepted-${i}`);
    const wrong = Array.from({ length: 50_000 }, (_, i) => `new-${i}`).filter((key) => filter.mayHave(key)).length;
    expect(wrong / 50_000).toBeLessThan(0.01);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => createKeyFilter(1000)).toThrow(RangeError);
  });
});
