// A small seeded PRNG (mulberry32): the same seed replays the same texts, senders and fault dice.

import type { Random } from '../../android-app/src/engine/ports';

/** The engine's `Random` port, seeded, plus the helpers test data needs. */
export interface SeededRandom extends Random {
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32 bits of state, passes BigCrush's basics, and is three lines — plenty for test data. */
export function createRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
  };
}

/**
 * A seed for one consumer of randomness ("messages", "faults"), derived from the scenario's seed, so
 * adding a fault does not change which texts are sent. FNV-1a over the name, mixed with the seed.
 */
export function deriveSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let index = 0; index < stream.length; index += 1) {
    hash ^= stream.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
