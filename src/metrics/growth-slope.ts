// Memory and database growth over a run: the least-squares slope of sampled sizes, per hour,
// after a warm-up (caches, JIT and the SQLite page cache fill first and would read as a leak).
import { metricsDefaults } from './defaults';

export interface SizeSample {
  /** Ms since the run started. */
  readonly atMs: number;
  readonly bytes: number;
}

const msPerHour = 3_600_000;

/** Least-squares slope of bytes over ms; null with fewer than two samples or no spread in time. */
export function leastSquaresSlope(samples: readonly SizeSample[]): number | null {
  if (samples.length < 2) return null;
  const meanT = samples.reduce((sum, s) => sum + s.atMs, 0) / samples.length;
  const meanB = samples.reduce((sum, s) => sum + s.bytes, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const { atMs, bytes } of samples) {
    covariance += (atMs - meanT) * (bytes - meanB);
    variance += (atMs - meanT) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}

/** How long to skip at the start: a share of the run or a fixed warm-up, capped at half the run so a short run still measures. */
export function warmUpMs(runMs: number): number {
  return Math.min(runMs / 2, Math.max(metricsDefaults.growthWarmUpMs, runMs * metricsDefaults.growthWarmUpShare));
}

/** Bytes per hour after the warm-up; null when too few samples are left to tell. */
export function growthPerHour(samples: readonly SizeSample[]): number | null {
  if (samples.length === 0) return null;
  const first = samples[0]!.atMs;
  const last = samples[samples.length - 1]!.atMs;
  const from = first + warmUpMs(last - first);
  const settled = samples.filter((sample) => sample.atMs >= from);
  if (settled.length < metricsDefaults.growthMinSamples) return null;
  const slope = leastSquaresSlope(settled);
  return slope === null ? null : slope * msPerHour;
}
