// A bounded time series at one resolution over the whole run: when it fills, every other point goes
// and from then on only every second sample is kept, so the first hour of an 8-hour soak is charted
// as finely as the last, and a soak of hours keeps as much memory as a run of minutes. The newest
// samples are also kept at full resolution for the dashboard's sparklines.
import { metricsDefaults } from './defaults';

export interface TimeSeries<T> {
  push(point: T): void;
  /** Every point kept, oldest first, ending with the newest sample (a copy). */
  points(): T[];
  /** The newest `count` samples at full resolution (at most `recentPoints`), oldest first. */
  tail(count: number): T[];
  readonly size: number;
}

/** Keeps every other point, the first always (and so the start of the run). */
export function thinByHalf<T>(points: readonly T[]): T[] {
  return points.filter((_, index) => index % 2 === 0);
}

export function createTimeSeries<T>(
  maxPoints: number = metricsDefaults.maxSeriesPoints,
  recentPoints: number = metricsDefaults.historyPoints,
): TimeSeries<T> {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new RangeError(`Expected \`maxPoints\` to be an integer of at least 4, got ${maxPoints}`);
  }
  let kept: T[] = [];
  /** Samples per kept point: doubles each time the series is thinned. */
  let stride = 1;
  let pushed = 0;
  const recent: T[] = [];
  return {
    push(point) {
      recent.push(point);
      if (recent.length > recentPoints) recent.shift();
      if (pushed % stride === 0) kept.push(point);
      pushed += 1;
      if (kept.length > maxPoints) {
        kept = thinByHalf(kept);
        stride *= 2;
      }
    },
    points() {
      const newest = recent.at(-1);
      return newest === undefined || kept.at(-1) === newest ? [...kept] : [...kept, newest];
    },
    tail: (count) => recent.slice(-Math.max(0, count)),
    get size() {
      return kept.length;
    },
  };
}
