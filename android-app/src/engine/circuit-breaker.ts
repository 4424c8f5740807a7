// Stops a phone hammering a webhook that is down: after `threshold` consecutive transient failures
// the breaker opens (no claims), then lets exactly one probe through per step, each step a share of
// the outage so far, so a server that comes back is found within a fraction of the time it was down.
import type { Random } from './ports';
import type { BreakerState } from './types';

export interface CircuitBreakerOptions {
  readonly threshold: number;
  /** Shortest probe step. */
  readonly probeBaseMs: number;
  /** Longest probe step (a server's Retry-After may ask for longer). */
  readonly maxProbeDelayMs: number;
  /** The probe step as a share of the outage so far (defaults.ts, `breakerProbeShare`). */
  readonly probeShare: number;
  readonly random: Random;
}

export type BreakerSignal = 'success' | 'transient-failure' | 'neutral';

export class CircuitBreaker {
  private readonly options: CircuitBreakerOptions;
  private consecutiveFailures = 0;
  /** When the breaker opened from closed: the start of the outage as this phone saw it. */
  private openedAt: number | null = null;
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

  /** A person asked to retry now: an open breaker lets its probe go at once (it stays open until a probe succeeds). */
  probeNow(now: number): void {
    if (this.openUntil !== null && this.openUntil > now) this.openUntil = now;
  }

  /** Marks the half-open probe as sent; returns true if this claim is the probe. */
  takeProbe(now: number): boolean {
    if (this.state(now) !== 'half-open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /**
   * Feeds one send's result back. `retryAfterMs` (from the server) is a floor for the next probe.
   * Returns when the outage began if this success ended one (the breaker was open or probing), so
   * the messages it held may all go now; null otherwise.
   */
  record(signal: BreakerSignal, now: number, wasProbe: boolean, retryAfterMs: number | null = null): number | null {
    if (wasProbe) this.probeInFlight = false;
    if (signal === 'success') {
      const outageSince = this.openedAt;
      this.consecutiveFailures = 0;
      this.openedAt = null;
      this.openUntil = null;
      return outageSince;
    }
    if (signal !== 'transient-failure') return null;
    if (this.openUntil === null) {
      this.consecutiveFailures++;
      if (this.consecutiveFailures >= this.options.threshold) this.open(now, retryAfterMs);
    } else if (wasProbe) {
      this.open(now, retryAfterMs);
    }
    // A failure of a send launched before the breaker opened says nothing new: ignore it.
    return null;
  }

  private open(now: number, retryAfterMs: number | null): void {
    this.openedAt ??= now;
    const { probeBaseMs, maxProbeDelayMs, probeShare, random } = this.options;
    const step = Math.min(maxProbeDelayMs, Math.max(probeBaseMs, (now - this.openedAt) * probeShare));
    // Equal jitter, not full: a probe must never be scheduled for "immediately".
    const delay = Math.floor(step / 2 + (random.next() * step) / 2);
    this.openUntil = now + Math.max(delay, retryAfterMs ?? 0);
  }
}
