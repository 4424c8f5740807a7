// Throughput from cumulative counters: the rate between two kept points stays right after thinning.
import type { MetricsPoint } from './metrics-snapshot';

export interface RatePoint {
  readonly atMs: number;
  /** SMS into the device per second since the previous point. */
  readonly inPerSec: number | null;
  /** SMS accepted by the stub per second since the previous point. */
  readonly outPerSec: number | null;
}

const perSecond = (now: number | null, before: number | null, ms: number): number | null =>
  now === null || before === null || ms <= 0 ? null : (Math.max(0, now - before) * 1000) / ms;

/** One rate point per point after the first. */
export function ratesOf(points: readonly MetricsPoint[]): RatePoint[] {
  const rates: RatePoint[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const before = points[index - 1]!;
    const now = points[index]!;
    const ms = now.atMs - before.atMs;
    rates.push({
      atMs: now.atMs,
      inPerSec: perSecond(now.injected, before.injected, ms),
      outPerSec: perSecond(now.accepted, before.accepted, ms),
    });
  }
  return rates;
}
