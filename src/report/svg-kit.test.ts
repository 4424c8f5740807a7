import { describe, expect, it } from 'vitest';
import { escapeXml, timeTicks, valueAxis } from './svg-kit';

describe('valueAxis', () => {
  it('ends the axis on a round value a little above the data', () => {
    expect(valueAxis(4_365)).toEqual({ max: 6_000, ticks: [0, 2_000, 4_000, 6_000] });
    expect(valueAxis(130_000_000).ticks).toEqual([0, 50_000_000, 100_000_000, 150_000_000]);
    expect(valueAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it('steps counts by whole numbers: a queue of at most 1 reads 0 1, of at most 3 reads 0 1 2 3', () => {
    expect(valueAxis(1, { integer: true }).ticks).toEqual([0, 1]);
    expect(valueAxis(3, { integer: true }).ticks).toEqual([0, 1, 2, 3]);
    expect(valueAxis(7, { integer: true }).ticks).toEqual([0, 2, 4, 6, 8]);
  });

  it('takes a coarser step when the formatted labels would repeat', () => {
    const rounded = (value: number): string => String(Math.round(value));
    expect(valueAxis(1, { format: rounded }).ticks).toEqual([0, 1]);
    const labels = valueAxis(2, { format: rounded }).ticks.map(rounded);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps tick values free of float noise', () => {
    expect(valueAxis(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('timeTicks', () => {
  it('labels time at round steps: 10 s for 41 s, 2 h for 8 h', () => {
    expect(timeTicks(41_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(timeTicks(8 * 3_600_000)).toHaveLength(5);
    expect(timeTicks(8 * 3_600_000)[1]).toBe(7_200_000);
  });
});

describe('escapeXml', () => {
  it('escapes markup and both quotes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
