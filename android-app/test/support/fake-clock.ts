// A clock tests move by hand: the engine's timers fire only when the test advances time.
import type { Clock } from '../../src/engine/ports';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private nowMs: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(startMs = Date.UTC(2025, 5, 15, 12, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** When the earliest timer is due, or null if none is armed. */
  nextTimerAt(): number | null {
    let next: number | null = null;
    for (const timer of this.timers.values()) if (next === null || timer.at < next) next = timer.at;
    return next;
  }

  get timerCount(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order (each at its own moment). */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      let dueId: number | null = null;
      let due: Timer | null = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && (due === null || timer.at < due.at)) {
          dueId = id;
          due = timer;
        }
      }
      if (dueId === null || due === null) break;
      this.timers.delete(dueId);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.callback();
    }
    this.nowMs = target;
  }

  /** Jumps straight to the next armed timer and fires it; returns false if none is armed. */
  fireNext(): boolean {
    const at = this.nextTimerAt();
    if (at === null) return false;
    this.advance(Math.max(0, at - this.nowMs));
    return true;
  }
}
