import { describe, expect, it } from 'vitest';
import { RunningPeak } from './running-peak';

describe('RunningPeak', () => {
  it('is unknown before any reading and keeps the highest one after', () => {
    const peak = new RunningPeak();
    expect(peak.bytes).toBeNull();
    peak.note(null);
    expect(peak.bytes).toBeNull();
    peak.note(300);
    peak.note(100);
    peak.note(null);
    expect(peak.bytes).toBe(300);
  });
});
