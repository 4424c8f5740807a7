// Paces console commands so a burst cannot overrun a real emulator: at most `maxInFlight`
// unanswered, at most `perSecond` started each second, first come first served.

export interface SendGateOptions {
  /** Commands written but not yet answered; default unlimited. */
  readonly maxInFlight?: number;
  /** Commands started per second, evenly spaced; default unlimited. */
  readonly perSecond?: number;
  readonly now?: () => number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class SendGate {
  private readonly waiters: Waiter[] = [];
  private inFlight = 0;
  private nextStartAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxInFlight: number;
  private readonly spacingMs: number;
  private readonly now: () => number;

  constructor(options: SendGateOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY;
    this.spacingMs = options.perSecond ? 1000 / options.perSecond : 0;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when the caller may write its command; call `release` once it is answered. */
  acquire(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  release(): void {
    this.inFlight -= 1;
    this.pump();
  }

  /** Fails every caller still waiting (the connection is gone). */
  cancelAll(error: Error): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private pump(): void {
    if (this.timer) return;
    while (this.waiters.length > 0 && this.inFlight < this.maxInFlight) {
      const wait = this.nextStartAt - this.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      this.nextStartAt = Math.max(this.nextStartAt, this.now()) + this.spacingMs;
      this.inFlight += 1;
      this.waiters.shift()!.resolve();
    }
  }
}
