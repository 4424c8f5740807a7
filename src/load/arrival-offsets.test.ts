import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LoadStep } from '../scenario/load-schema';
import { arrivalOffsets, rampOffsetMs } from './arrival-offsets';
import { stepMessageCount, totalDurationMs, totalMessages } from '../scenario/step-size';

const offsets = (steps: LoadStep[]) => [...arrivalOffsets(steps)];

describe('arrivalOffsets', () => {
  it('spreads a burst evenly over its time, the first at 0', () => {
    expect(offsets([{ kind: 'burst', count: 4, overMs: 1000 }])).toEqual([0, 250, 500, 750]);
  });

  it('sends a burst over 0s all at once', () => {
    expect(offsets([{ kind: 'burst', count: 3, overMs: 0 }])).toEqual([0, 0, 0]);
  });

  it('sends a constant rate one every 1/rate seconds', () => {
    const steady = offsets([{ kind: 'constant', ratePerSec: 5, forMs: 60_000 }]);
    expect(steady).toHaveLength(300);
    expect(steady.slice(0, 3)).toEqual([0, 200, 400]);
    expect(steady.at(-1)).toBe(59_800);
  });

  it('counts whole messages despite floating point (0.1/s for 30s is 3)', () => {
    expect(offsets([{ kind: 'soak', ratePerSec: 0.1, forMs: 30_000 }])).toEqual([0, 10_000, 20_000]);
  });

  it('runs steps one after another', () => {
    const steps: LoadStep[] = [
      { kind: 'burst', count: 2, overMs: 1000 },
      { kind: 'constant', ratePerSec: 1, forMs: 2000 },
    ];
    expect(offsets(steps)).toEqual([0, 500, 1000, 2000]);
    expect(totalMessages(steps)).toBe(4);
    expect(totalDurationMs(steps)).toBe(3000);
  });

  it('ramps so that arrivals up to any time match the integral of the rate', () => {
    const ramp: LoadStep = { kind: 'ramp', fromPerSec: 1, toPerSec: 50, overMs: 300_000 };
    const times = offsets([ramp]);
    // (1 + 50) / 2 per second on average, for 300 s.
    expect(times).toHaveLength(7650);
    expect(stepMessageCount(ramp)).toBe(7650);
    for (const seconds of [10, 60, 150, 299]) {
      const integral = 1 * seconds + ((50 - 1) * seconds * seconds) / (2 * 300);
      const sent = times.filter((t) => t <= seconds * 1000).length;
      expect(Math.abs(sent - integral)).toBeLessThanOrEqual(1);
    }
    // The rate rises: gaps shrink.
    expect(times[1]! - times[0]!).toBeGreaterThan(times.at(-1)! - times.at(-2)!);
  });

  it('ramps down, and up from zero', () => {
    const down = offsets([{ kind: 'ramp', fromPerSec: 10, toPerSec: 0, overMs: 10_000 }]);
    expect(down).toHaveLength(50);
    expect(down.at(-1)!).toBeLessThan(10_000);
    const up = offsets([{ kind: 'ramp', fromPerSec: 0, toPerSec: 10, overMs: 10_000 }]);
    expect(up).toHaveLength(50);
    expect(up[1]).toBeCloseTo(Math.sqrt(1 / 0.5) * 1000, 6);
  });

  it('gives exactly 1/rate spacing for a flat ramp', () => {
    expect(rampOffsetMs(3, 2, 2, 10_000)).toBe(1500);
  });

  it('yields as many offsets as totalMessages, never decreasing, all within totalDurationMs', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('burst' as const),
        count: fc.integer({ min: 1, max: 500 }),
        overMs: fc.integer({ min: 0, max: 60_000 }),
      }),
      fc.record({
        kind: fc.constant('constant' as const),
        ratePerSec: fc.double({ min: 0.01, max: 50, noNaN: true }),
        forMs: fc.integer({ min: 1, max: 60_000 }),
      }),
      fc.record({
        kind: fc.constant('soak' as const),
        ratePerSec: fc.double({ min: 0.01, max: 50, noNaN: true }),
        forMs: fc.integer({ min: 1, max: 60_000 }),
      }),
      fc.record({
        kind: fc.constant('ramp' as const),
        fromPerSec: fc.double({ min: 0, max: 50, noNaN: true }),
        toPerSec: fc.double({ min: 0, max: 50, noNaN: true }),
        overMs: fc.integer({ min: 1, max: 60_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        const times = offsets(steps);
        const endMs = totalDurationMs(steps);
        const ordered = times.every((time, index) => time >= (index === 0 ? 0 : times[index - 1]!) && time <= endMs);
        return times.length === totalMessages(steps) && ordered;
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
