// drain(): callers waiting for an empty queue. One count query at a time, however many sends finish.
import type { Clock } from './ports';

export class DrainWaiters {
  private readonly clock: Clock;
  private readonly countUnfinished: () => Promise<number>;
  private readonly onError: (error: unknown) => void;
  private readonly waiters = new Set<(drained: boolean) => void>();
  private checking = false;
  private again = false;

  constructor(clock: Clock, countUnfinished: () => Promise<number>, onError: (error: unknown) => void) {
    this.clock = clock;
    this.countUnfinished = countUnfinished;
    this.onError = onError;
  }

  /** Resolves true once nothing is unfinished, false when `timeoutMs` passes first. */
  wait(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (drained: boolean): void => {
        if (!this.waiters.delete(settle)) return;
        this.clock.clearTimeout(timer);
        resolve(drained);
      };
      const timer = this.clock.setTimeout(() => settle(false), timeoutMs);
      this.waiters.add(settle);
      void this.check();
    });
  }

  /** Called whenever the queue may have emptied (a send finished, a timer fired). */
  async check(): Promise<void> {
    if (this.waiters.size === 0) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        if ((await this.countUnfinished()) === 0) for (const settle of [...this.waiters]) settle(true);
      } while (this.again && this.waiters.size > 0);
    } catch (error) {
      this.onError(error);
    } finally {
      this.checking = false;
    }
  }
}
