import { describe, expect, it } from 'vitest';
import { createProgressThrottle } from './progress-throttle';

const printedAt = (elapsed: readonly number[], phaseAt: (ms: number) => 'load' | 'drain' = () => 'load'): number[] => {
  const shouldPrint = createProgressThrottle();
  return elapsed.filter((elapsedMs) => shouldPrint({ elapsedMs, phase: phaseAt(elapsedMs) }));
};

const everySecond = (fromMs: number, toMs: number): number[] =>
  Array.from({ length: (toMs - fromMs) / 1000 + 1 }, (_, index) => fromMs + index * 1000 + (index % 3) * 7 - 7);

describe('createProgressThrottle', () => {
  it('prints a line every second for the first 30 seconds, jitter and all', () => {
    expect(printedAt(everySecond(1000, 29_000))).toHaveLength(29);
  });

  it('prints a line every 5 seconds after the first 30 seconds', () => {
    const printed = printedAt(everySecond(1000, 90_000)).filter((ms) => ms > 31_000);
    expect(printed.length).toBeGreaterThanOrEqual(11);
    expect(printed.length).toBeLessThanOrEqual(13);
  });

  it('always prints when the phase changes', () => {
    const printed = printedAt(everySecond(60_000, 70_000), (ms) => (ms >= 62_000 ? 'drain' : 'load'));
    expect(printed).toEqual([59_993, 62_007, 67_000]);
  });
});
