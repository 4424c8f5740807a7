// A latency histogram with round bucket widths (1, 2 or 5 × 10^k ms), so its axis reads easily.
import { percentile } from './percentile';

export interface Histogram {
  /** Width of every bucket, ms; bucket i holds [i × bucketMs, (i + 1) × bucketMs). */
  readonly bucketMs: number;
  readonly counts: readonly number[];
  /** Values past the last bucket (beyond the 99th percentile), counted, not drawn to scale. */
  readonly overflow: number;
}

const ROUND_STEPS = [1, 2, 5] as const;

/** The smallest 1, 2 or 5 × 10^k not below `value`. */
export function roundStep(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of ROUND_STEPS) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Buckets `values` (ms) into at most `maxBuckets` round-width buckets up to their 99th percentile. */
export function latencyHistogram(values: ArrayLike<number> & Iterable<number>, maxBuckets = 20): Histogram {
  if (values.length === 0) return { bucketMs: 1, counts: [], overflow: 0 };
  const top = Math.max(1, percentile(values, 99) ?? 1);
  const bucketMs = roundStep(top / maxBuckets);
  const counts = new Array<number>(Math.floor(top / bucketMs) + 1).fill(0);
  let overflow = 0;
  for (const value of values) {
    const index = Math.floor(Math.max(0, value) / bucketMs);
    if (index < counts.length) counts[index] = (counts[index] ?? 0) + 1;
    else overflow += 1;
  }
  return { bucketMs, counts, overflow };
}
