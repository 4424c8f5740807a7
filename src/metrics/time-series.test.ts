import { describe, expect, it } from 'vitest';
import { createTimeSeries, thinByHalf } from './time-series';

describe('createTimeSeries', () => {
  it('never holds more points than its cap, however many are pushed', () => {
    const series = createTimeSeries<number>(500);
    for (let second = 0; second < 100_000; second += 1) {
      series.push(second);
      expect(series.size).toBeLessThanOrEqual(500);
    }
    expect(series.size).toBeGreaterThan(250);
  });

  it('keeps the first and the newest point, in time order', () => {
    const series = createTimeSeries<number>(100);
    for (let second = 0; second < 10_000; second += 1) series.push(second);
    const points = series.points();
    expect(points[0]).toBe(0);
    expect(points.at(-1)).toBe(9_999);
    expect(points.every((point, index) => index === 0 || point > (points[index - 1] ?? Infinity))).toBe(true);
  });

  it('charts the whole run at one resolution, and keeps the newest samples at full resolution for sparklines', () => {
    const series = createTimeSeries<number>(100, 10);
    for (let second = 0; second < 10_000; second += 1) series.push(second);
    const points = series.points();
    // Every gap but the last (up to the newest sample) is the same: the first minutes as fine as the last.
    const gaps = new Set(
      points
        .slice(0, -1)
        .map((point, index) => (points[index + 1] ?? 0) - point)
        .slice(0, -1),
    );
    expect(gaps.size).toBe(1);
    expect([...gaps][0]).toBeGreaterThan(1);
    expect(series.tail(10)).toEqual([9_990, 9_991, 9_992, 9_993, 9_994, 9_995, 9_996, 9_997, 9_998, 9_999]);
    expect(series.tail(50)).toHaveLength(10);
  });

  it('refuses a cap too small to thin', () => {
    expect(() => createTimeSeries(2)).toThrow('Expected `maxPoints` to be an integer of at least 4, got 2');
  });
});

describe('thinByHalf', () => {
  it('drops every other point, keeping the first', () => {
    expect(thinByHalf([0, 1, 2, 3, 4, 5, 6])).toEqual([0, 2, 4, 6]);
  });
});
