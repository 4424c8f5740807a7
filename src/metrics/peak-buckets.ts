// The highest value in each slice of time, for peaks that must survive the time series' thinning:
// thinning keeps every other point, so a soak's start-up peak or a spike at a checkpoint would vanish
// from "peak RSS" as the run grows. Buckets widen (merging pairs, keeping the larger) to stay bounded.
import type { SizeSample } from './growth-slope';
import { metricsDefaults } from './defaults';

export interface PeakBuckets {
  add(atMs: number, bytes: number): void;
  /** One sample per bucket, its highest, at the time it was seen; oldest first. */
  samples(): SizeSample[];
}

export function createPeakBuckets(
  bucketMs: number = metricsDefaults.peakBucketMs,
  maxBuckets: number = metricsDefaults.maxPeakBuckets,
): PeakBuckets {
  if (!(bucketMs > 0) || !Number.isInteger(maxBuckets) || maxBuckets < 2) {
    throw new RangeError(
      `Expected a positive bucket width and at least 2 buckets, got ${bucketMs} ms and ${maxBuckets}`,
    );
  }
  let width = bucketMs;
  /** Bucket index (time / width) → its highest sample. */
  let buckets = new Map<number, SizeSample>();
  const higher = (a: SizeSample | undefined, b: SizeSample): SizeSample =>
    a === undefined || b.bytes > a.bytes ? b : a;
  return {
    add(atMs, bytes) {
      const index = Math.floor(atMs / width);
      buckets.set(index, higher(buckets.get(index), { atMs, bytes }));
      if (buckets.size <= maxBuckets) return;
      width *= 2;
      const merged = new Map<number, SizeSample>();
      for (const [at, peak] of buckets) merged.set(Math.floor(at / 2), higher(merged.get(Math.floor(at / 2)), peak));
      buckets = merged;
    },
    samples: () => [...buckets.values()].sort((a, b) => a.atMs - b.atMs),
  };
}
