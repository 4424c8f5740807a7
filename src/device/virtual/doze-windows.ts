// Doze on the virtual phone, as the engine's WorkWindows port sees it: from the moment the phone
// began to doze, a maintenance window opens every `everyMs` and lasts `lengthMs`; outside the windows
// the app's background work (the engine's sends and retries) waits and the app has no network. The
// schedule is counted from the radio's moment, so an app started mid-Doze keeps the same windows.
// Windows pass on the wall clock, as the step's `for` does, whatever the device clock's speed: each
// opening and closing is told as it happens (`subscribe`), so no time on the engine's clock is named.
import type { Clock, WorkWindows } from '../../../android-app/src/engine/ports';
import { systemClock } from '../../../android-app/src/engine/ports';
import { virtualDeviceDefaults as defaults } from './defaults';

export interface DozeSchedule {
  readonly everyMs: number;
  readonly lengthMs: number;
}

export const defaultDozeSchedule: DozeSchedule = {
  everyMs: defaults.dozeWindowEveryMs,
  lengthMs: defaults.dozeWindowMs,
};

/** Whether a window is open at `now` for a phone dozing since `since`, and when that next changes. */
export function dozePhase(
  since: number,
  now: number,
  { everyMs, lengthMs }: DozeSchedule,
): { open: boolean; changesAt: number } {
  const elapsed = Math.max(0, now - since);
  const periods = Math.floor(elapsed / everyMs);
  const periodStart = since + periods * everyMs;
  if (periods >= 1 && now < periodStart + lengthMs) return { open: true, changesAt: periodStart + lengthMs };
  return { open: false, changesAt: periodStart + everyMs };
}

export class DozeWindows implements WorkWindows {
  private since: number | null = null;
  private open = true;
  private timer: unknown = null;
  private readonly listeners = new Set<(open: boolean) => void>();

  constructor(
    private readonly schedule: DozeSchedule = defaultDozeSchedule,
    private readonly clock: Clock = systemClock,
  ) {}

  isOpen(): boolean {
    return this.open;
  }

  /** Null: the next opening is told through `subscribe`, on the wall clock, not named on the engine's. */
  nextOpenAt(): number | null {
    return null;
  }

  subscribe(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Dozing since `since` (ms since the epoch), or awake (null): windows from then on, or always open. */
  set(since: number | null): void {
    if (since === this.since) return;
    this.since = since;
    this.step();
  }

  /** No more window changes (the app is stopping). */
  stop(): void {
    this.clearTimer();
    this.listeners.clear();
  }

  private step(): void {
    this.clearTimer();
    if (this.since === null) return this.become(true);
    const phase = dozePhase(this.since, this.clock.now(), this.schedule);
    this.become(phase.open);
    this.timer = this.clock.setTimeout(() => this.step(), Math.max(0, phase.changesAt - this.clock.now()));
  }

  private become(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    for (const listener of [...this.listeners]) listener(open);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
