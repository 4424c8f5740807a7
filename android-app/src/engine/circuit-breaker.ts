// Stops a phone hammering a webhook that is down: after `threshold` consecutive transient failures
// the breaker opens (no claims), then lets exactly one probe through per backoff step.
import type { Random } from './ports';
import type { BreakerState } from './types';

export interface CircuitBreakerOptions {
  readonly threshold: number;
  readonly probeBaseMs: number;
  readonly maxProbeDelayMs: number;
  readonly random: Random;
}

export type BreakerSignal = 'success' | 'transient-failure' | 'neutral';

export class CircuitBreaker {
  private readonly options: CircuitBreakerOptions;
  private consecutiveFailures = 0;
  private opens = 0;
  private openUntil: number | null = null;
  private probeInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    this.options = options;
  }

  /** `open` until the probe time, then `half-open` (one probe allowed) until a result comes back. */
  state(now: number): BreakerState {
    if (this.openUntil === null) return 'closed';
    return now < this.openUntil ? 'open' : 'half-open';
  }

  /** When the next probe may go, or null when the breaker is closed. */
  get probeAt(): number | null {
    return this.openUntil;
  }

  /** How many messages may be claimed now, given `free` dispatcher slots. */
  slots(now: number, free: number): number {
    const state = this.state(now);
    if (state === 'closed') return free;
    if (state === 'open' || this.probeInFlight) return 0;
    return Math.min(1, free);
  }

  /** Marks the half-open probe as sent; returns true if this claim is the probe. */
  takeProbe(now: number): boolean {
    if (this.state(now) !== 'half-open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** Feeds one send's result back. `retryAfterMs` (from the server) is a floor for the next probe. */
  record(signal: BreakerSignal, now: number, wasProbe: boolean, retryAfterMs: number | null = null): void {
    if (wasProbe) this.probeInFlight = false;
    if (signal === 'success') {
      this.consecutiveFailures = 0;
      this.opens = 0;
      this.openUntil = null;
      return;
    }
    if (signal !== 'transient-failure') return;
    if (this.openUntil === null) {
      this.consecutiveFailures++;
      if (this.consecutiveFailures >= this.options.threshold) this.open(now, retryAfterMs);
    } else if (wasProbe) {
      this.open(now, retryAfterMs);
    }
    // A failure of a send launched before the breaker opened says nothing new: ignore it.
  }

  private open(now: number, retryAfterMs: number | null): void {
    this.opens++;
    const { probeBaseMs, maxProbeDelayMs, random } = this.options;
    const step = Math.min(maxProbeDelayMs, probeBaseMs * 2 ** Math.min(this.opens - 1, 52));
    // Equal jitter, not full: a probe must never be scheduled for "immediately".
    const delay = Math.floor(step / 2 + (random.next() * step) / 2);
    this.openUntil = now + Math.max(delay, retryAfterMs ?? 0);
  }
}
