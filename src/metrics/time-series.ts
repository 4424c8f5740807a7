// A bounded time series: recent points at full resolution, older ones thinned, so a soak of hours
// keeps as much memory as a run of minutes.
import { metricsDefaults } from './defaults';

export interface TimeSeries<T> {
  push(point: T): void;
  /** Every point kept, oldest first (a copy). */
  points(): T[];
  /** The newest `count` points, oldest first. */
  tail(count: number): T[];
  readonly size: number;
}

/** Keeps every other point of the older half (its first point always), the newer half untouched. */
export function thinOlderHalf<T>(points: readonly T[]): T[] {
  const half = Math.floor(points.length / 2);
  const older = points.slice(0, half).filter((_, index) => index % 2 === 0);
  return [...older, ...points.slice(half)];
}

export function createTimeSeries<T>(maxPoints: number = metricsDefaults.maxSeriesPoints): TimeSeries<T> {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new RangeError(`Expected \`maxPoints\` to be an integer of at least 4, got ${maxPoints}`);
  }
  let kept: T[] = [];
  return {
    push(point) {
      kept.push(point);
      if (kept.length > maxPoints) kept = thinOlderHalf(kept);
    },
    points: () => [...kept],
    tail: (count) => kept.slice(-Math.max(0, count)),
    get size() {
      return kept.length;
    },
  };
}
