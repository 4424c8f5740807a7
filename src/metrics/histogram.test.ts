import { describe, expect, it } from 'vitest';
import { latencyHistogram, roundStep } from './histogram';

describe('latencyHistogram', () => {
  it('counts every value once, in round-width buckets', () => {
    const values = Array.from({ length: 1000 }, (_, index) => index);
    const histogram = latencyHistogram(values);
    expect([1, 2, 5, 10, 20, 50, 100]).toContain(histogram.bucketMs);
    expect(histogram.counts.reduce((a, b) => a + b, 0) + histogram.overflow).toBe(1000);
    expect(histogram.counts.length).toBeLessThanOrEqual(21);
  });

  it('keeps one far outlier from squashing the rest into one bucket', () => {
    const values = [...Array.from({ length: 200 }, (_, index) => 100 + index), 60_000];
    const histogram = latencyHistogram(values);
    expect(histogram.overflow).toBe(1);
    expect(histogram.counts.filter((count) => count > 0).length).toBeGreaterThan(5);
  });

  it('is empty for no values', () => {
    expect(latencyHistogram([])).toEqual({ bucketMs: 1, counts: [], overflow: 0 });
  });
});

describe('roundStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 3, 7, 12, 450].map(roundStep)).toEqual([1, 5, 10, 20, 500]);
  });
});
