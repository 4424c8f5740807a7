import { describe, expect, it } from 'vitest';
import { blocksOf, sparkline, sparklineLevels } from './sparkline';

describe('sparkline', () => {
  it('draws a rising series from the lowest to the highest block', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
  });

  it('keeps only the newest values that fit the width', () => {
    expect(sparkline([7, 7, 7, 0, 7], 2)).toBe('▁█');
  });

  it('scales from zero, so a steady non-zero rate is drawn high, not flat at the bottom', () => {
    expect(sparkline([5, 5, 5], 3)).toBe('███');
  });

  it('draws zeros as the lowest block and unknown values as blanks', () => {
    expect(sparkline([0, null, 0], 3)).toBe('▁ ▁');
    expect(sparkline([null, null], 5)).toBe('  ');
  });

  it('scales from the lowest value when asked, so slow memory growth shows', () => {
    expect(sparkline([100, 150, 200], 3, { floor: 'min' })).toBe('▁▅█');
    expect(sparkline([100, 150, 200], 3)).toBe('▅▆█');
  });

  it('draws a wobble of under a tenth as a wobble, not as a fall to the bottom', () => {
    expect(sparkline([139.6, 138.2], 2, { floor: 'min' })).toBe('█▇');
  });

  it('hands Ink plain ASCII levels, which become the same blocks as they are written', () => {
    const values = [0, null, 3, 7, 5];
    expect(sparklineLevels(values, 5)).toMatch(/^[a-h ]+$/);
    expect(blocksOf(sparklineLevels(values, 5))).toBe(sparkline(values, 5));
  });

  it('keeps the ANSI colour codes around the levels it turns into blocks', () => {
    expect(blocksOf('\u001B[36mah\u001B[39m')).toBe('\u001B[36m▁█\u001B[39m');
  });
});
