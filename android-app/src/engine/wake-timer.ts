// The dispatcher's one timer: re-armed for the next due moment, never a fixed polling interval.
import type { Clock } from './ports';

export class WakeTimer {
  private readonly clock: Clock;
  private readonly onFire: () => void;
  private handle: unknown = null;

  constructor(clock: Clock, onFire: () => void) {
    this.clock = clock;
    this.onFire = onFire;
  }

  /** Replaces any armed time with `at`; a wait over `maxDelayMs` fires early and the dispatcher re-arms. */
  armAt(at: number, maxDelayMs: number): void {
    this.clear();
    const delay = Math.min(Math.max(0, at - this.clock.now()), maxDelayMs);
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.onFire();
    }, delay);
  }

  clear(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
