import { describe, expect, it } from 'vitest';
import { escapeXml, timeTicks, yScale } from './svg-kit';

describe('yScale', () => {
  it('ends the axis on a round value a little above the data', () => {
    expect(yScale(4_365)).toEqual({ maxY: 6_000, ticks: 3 });
    expect(yScale(130_000_000)).toEqual({ maxY: 150_000_000, ticks: 3 });
    expect(yScale(0)).toEqual({ maxY: 1, ticks: 1 });
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
