import { describe, expect, it } from 'vitest';
import { growthPerHour, leastSquaresSlope, warmUpMs } from './growth-slope';

const line = (count: number, stepMs: number, at: (ms: number) => number) =>
  Array.from({ length: count }, (_, i) => ({ atMs: i * stepMs, bytes: at(i * stepMs) }));

describe('leastSquaresSlope', () => {
  it('recovers the slope of a straight line exactly', () => {
    expect(leastSquaresSlope(line(10, 1000, (ms) => 100 + ms * 2))).toBeCloseTo(2, 10);
  });

  it('reads noise around a flat line as no growth', () => {
    const zigzag = line(100, 1000, (ms) => 50_000_000 + ((ms / 1000) % 2 === 0 ? 1_000_000 : -1_000_000));
    expect(Math.abs(leastSquaresSlope(zigzag)!)).toBeLessThan(1);
  });

  it('says nothing with one sample or all samples at one moment', () => {
    expect(leastSquaresSlope([{ atMs: 0, bytes: 1 }])).toBeNull();
    expect(
      leastSquaresSlope([
        { atMs: 5, bytes: 1 },
        { atMs: 5, bytes: 9 },
      ]),
    ).toBeNull();
  });
});

describe('growthPerHour', () => {
  it('reports 1 MB a minute as 60 MB an hour', () => {
    expect(growthPerHour(line(600, 1000, (ms) => 80e6 + (ms / 60_000) * 1e6))).toBeCloseTo(60e6, 0);
  });

  it('ignores the warm-up, where memory climbs before it settles', () => {
    // Climbs 50 MB in the first 20 s, then stays flat for ten minutes.
    const samples = line(620, 1000, (ms) => (ms < 20_000 ? ms * 2500 : 50e6));
    expect(growthPerHour(samples)).toBeCloseTo(0, 3);
  });

  it('says nothing when too few samples are left after the warm-up', () => {
    expect(growthPerHour(line(4, 1000, (ms) => ms))).toBeNull();
  });

  it('skips at least 30 s, 10% of a long run, and at most half of a short one', () => {
    expect(warmUpMs(60_000)).toBe(30_000);
    expect(warmUpMs(3_600_000)).toBe(360_000);
    expect(warmUpMs(20_000)).toBe(10_000);
  });
});
