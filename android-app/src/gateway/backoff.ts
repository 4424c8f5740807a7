// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
// many phones retrying one server spread out instead of arriving in waves.
import type { Random } from './ports';

export interface BackoffInput {
  /** Attempts made so far, including the one that just failed (1 for the first failure). */
  readonly attempt: number;
  /** The first step for this error category. */
  readonly baseMs: number;
  /** Ceiling of the exponential step. */
  readonly capMs: number;
  /** Floor of the jittered delay. */
  readonly minMs: number;
  /** The server's Retry-After, obeyed even above the cap: we never come back earlier than asked. */
  readonly retryAfterMs: number | null;
  readonly random: Random;
}

/** Delay before the next attempt: uniform in [min, min(cap, base·2^(attempt−1))], then ≥ Retry-After. */
export function backoffDelayMs(input: BackoffInput): number {
  const exponent = Math.max(0, input.attempt - 1);
  const step = Math.min(input.capMs, input.baseMs * 2 ** Math.min(exponent, 52));
  const jittered = Math.max(input.minMs, Math.floor(input.random.next() * step));
  return Math.max(jittered, input.retryAfterMs ?? 0);
}
