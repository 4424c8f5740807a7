import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../android-app/src/engine/ports';
import { normalLink } from '../../scenario/link-profiles';
import { AppConditions } from './app-conditions';
import { normalConditions } from './device-conditions';
import { dozePhase, DozeWindows } from './doze-windows';
import { SwitchNetwork } from './switch-network';

/** A clock the test moves; due timers fire in order as it passes them. */
class StepClock implements Clock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private id = 0;
  constructor(private at = 1_000_000) {}
  now(): number {
    return this.at;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.id += 1;
    this.timers.set(this.id, { at: this.at + ms, callback });
    return this.id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const target = this.at + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.at = due[1].at;
      due[1].callback();
    }
    this.at = target;
  }
}

const schedule = { everyMs: 10_000, lengthMs: 2_000 };

describe('Doze on the virtual phone', () => {
  it('opens a window every period after Doze began, for its length, and never before the first period', () => {
    const since = 50_000;
    expect(dozePhase(since, since, schedule)).toEqual({ open: false, changesAt: 60_000 });
    expect(dozePhase(since, 59_999, schedule)).toEqual({ open: false, changesAt: 60_000 });
    expect(dozePhase(since, 60_000, schedule)).toEqual({ open: true, changesAt: 62_000 });
    expect(dozePhase(since, 62_000, schedule)).toEqual({ open: false, changesAt: 70_000 });
    expect(dozePhase(since, 71_000, schedule)).toEqual({ open: true, changesAt: 72_000 });
  });

  it('tells the engine each window that opens and closes over a 60 s Doze', () => {
    const clock = new StepClock();
    const windows = new DozeWindows(schedule, clock);
    const heard: string[] = [];
    windows.subscribe((open) => heard.push(`${open ? 'open' : 'closed'} at +${clock.now() - 1_000_000}`));
    windows.set(clock.now());
    expect(windows.isOpen()).toBe(false);
    clock.advance(60_000);
    windows.set(null);
    // Five windows in the minute, and the sixth opening as it ends; waking then changes nothing.
    expect(heard).toEqual([
      'closed at +0',
      'open at +10000',
      'closed at +12000',
      'open at +20000',
      'closed at +22000',
      'open at +30000',
      'closed at +32000',
      'open at +40000',
      'closed at +42000',
      'open at +50000',
      'closed at +52000',
      'open at +60000',
    ]);
    expect(windows.isOpen()).toBe(true);
  });

  it('keeps the windows of a Doze that began before the app started', () => {
    const clock = new StepClock();
    const windows = new DozeWindows(schedule, clock);
    // Dozing for 15 s already: the second window opens in 5 s.
    windows.set(clock.now() - 15_000);
    clock.advance(4_999);
    expect(windows.isOpen()).toBe(false);
    clock.advance(1);
    expect(windows.isOpen()).toBe(true);
  });

  it("cuts the app's network for mobile data off and for Doze outside its windows, each on its own", () => {
    const clock = new StepClock();
    const network = new SwitchNetwork();
    const links: unknown[] = [];
    const conditions = new AppConditions(
      { set: (link) => void links.push(link) },
      network,
      new DozeWindows(schedule, clock),
    );
    const dataOff = { ...normalLink, data: 'unregistered' as const };
    conditions.apply({ link: dataOff, dozingSince: null });
    expect([network.isOnline(), network.causes]).toEqual([false, ['gsm data']]);
    conditions.apply({ link: dataOff, dozingSince: clock.now() });
    expect(network.causes).toEqual(['doze', 'gsm data']);
    conditions.apply({ link: normalLink, dozingSince: clock.now() });
    expect(network.causes).toEqual(['doze']);
    clock.advance(10_000);
    expect(network.isOnline()).toBe(true);
    clock.advance(2_000);
    expect(network.isOnline()).toBe(false);
    conditions.apply(normalConditions);
    expect(network.isOnline()).toBe(true);
    expect(links).toEqual([dataOff, dataOff, normalLink, normalLink]);
    conditions.stop();
  });
});
