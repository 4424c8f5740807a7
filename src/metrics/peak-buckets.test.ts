import { describe, expect, it } from 'vitest';
import { createPeakBuckets } from './peak-buckets';

describe('createPeakBuckets', () => {
  it('keeps the highest sample of each slice, at the time it was seen', () => {
    const peaks = createPeakBuckets(1_000, 100);
    [
      [100, 5],
      [400, 9],
      [900, 7],
      [1_200, 3],
      [2_500, 8],
      [2_600, 8],
    ].forEach(([at, bytes]) => peaks.add(at!, bytes!));
    expect(peaks.samples()).toEqual([
      { atMs: 400, bytes: 9 },
      { atMs: 1_200, bytes: 3 },
      { atMs: 2_500, bytes: 8 },
    ]);
  });

  it('widens its slices to stay bounded, and never loses the highest value', () => {
    const peaks = createPeakBuckets(10, 8);
    // A spike early on, then a long flat run: thinning a series would drop the spike.
    for (let at = 0; at < 10_000; at += 5) peaks.add(at, at === 35 ? 500 : 100);
    const samples = peaks.samples();
    expect(samples.length).toBeLessThanOrEqual(8);
    expect(Math.max(...samples.map((sample) => sample.bytes))).toBe(500);
    expect(samples.find((sample) => sample.bytes === 500)?.atMs).toBe(35);
    // The last slice (1,280 ms wide by now) covers the end of the run.
    expect(samples.at(-1)!.atMs).toBeGreaterThan(10_000 - 1_280);
  });

  it('refuses a width or a bound that could not work', () => {
    expect(() => createPeakBuckets(0)).toThrow(RangeError);
    expect(() => createPeakBuckets(10, 1)).toThrow(RangeError);
  });
});
