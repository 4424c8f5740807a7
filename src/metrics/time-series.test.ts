import { describe, expect, it } from 'vitest';
import { createTimeSeries, thinOlderHalf } from './time-series';

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

  it('keeps recent points at full resolution and thins old ones', () => {
    const series = createTimeSeries<number>(100);
    for (let second = 0; second < 10_000; second += 1) series.push(second);
    const points = series.points();
    const tail = series.tail(10);
    expect(tail).toEqual([9_990, 9_991, 9_992, 9_993, 9_994, 9_995, 9_996, 9_997, 9_998, 9_999]);
    expect((points[2] ?? 0) - (points[1] ?? 0)).toBeGreaterThan(1);
  });

  it('refuses a cap too small to thin', () => {
    expect(() => createTimeSeries(2)).toThrow('Expected `maxPoints` to be an integer of at least 4, got 2');
  });
});

describe('thinOlderHalf', () => {
  it('drops every other point of the older half only', () => {
    expect(thinOlderHalf([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([0, 2, 4, 5, 6, 7]);
  });
});
