import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleOutages } from './outage-schedule';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('scheduleOutages', () => {
  it('goes down when a window opens and up when it closes', () => {
    const changes: boolean[] = [];
    const schedule = scheduleOutages([{ atMs: 100, forMs: 50 }], (down) => changes.push(down));
    vi.advanceTimersByTime(99);
    expect([changes, schedule.down]).toEqual([[], false]);
    vi.advanceTimersByTime(1);
    expect([changes, schedule.down]).toEqual([[true], true]);
    vi.advanceTimersByTime(50);
    expect([changes, schedule.down]).toEqual([[true, false], false]);
  });

  it('stays down across overlapping windows until the last one closes', () => {
    const changes: boolean[] = [];
    scheduleOutages(
      [
        { atMs: 0, forMs: 100 },
        { atMs: 50, forMs: 100 },
      ],
      (down) => changes.push(down),
    );
    vi.advanceTimersByTime(120);
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(30);
    expect(changes).toEqual([true, false]);
  });

  it('fires nothing after cancel', () => {
    const onChange = vi.fn();
    const schedule = scheduleOutages([{ atMs: 10, forMs: 10 }], onChange);
    schedule.cancel();
    vi.advanceTimersByTime(100);
    expect(onChange).not.toHaveBeenCalled();
  });
});
