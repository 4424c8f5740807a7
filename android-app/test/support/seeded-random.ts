// Deterministic randomness (mulberry32), so a failing test replays from its seed.
import type { Random } from '../../src/engine/ports';

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Always the same draw: makes jittered delays exact in a test. */
export function fixedRandom(value: number): Random {
  return { next: () => value };
}
