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

/** Spread added on top of a server's Retry-After, as a fraction of it, so queued messages do not return in one wave. */
export const RETRY_AFTER_SPREAD = 0.2;

/**
 * Delay before the next attempt. Without Retry-After: uniform in [min, min(cap, base·2^(attempt−1))].
 * With it, the server has said when to come back, so we come back then (plus up to 20 % spread),
 * never earlier and not minutes later: a 503 with `Retry-After: 1` retried after an exponential
 * step of 80 s made a flaky server's queue take minutes to drain. The circuit breaker, not the
 * backoff, is what stops a server that keeps answering 503 from being hammered.
 */
export function backoffDelayMs(input: BackoffInput): number {
  if (input.retryAfterMs !== null) {
    const floor = Math.max(input.minMs, input.retryAfterMs);
    return floor + Math.floor(input.random.next() * floor * RETRY_AFTER_SPREAD);
  }
  const exponent = Math.max(0, input.attempt - 1);
  const step = Math.min(input.capMs, input.baseMs * 2 ** Math.min(exponent, 52));
  return Math.max(input.minMs, Math.floor(input.random.next() * step));
}

export interface RetryDelayInput {
  /** Attempts made so far, including the one that just failed. */
  readonly attempt: number;
  /**
   * The circuit breaker is closed with this failure counted: the server answers others, so the
   * failure was chance, or this message's own. False while the server is down (the breaker open or
   * probing), and for a failure the server is not to blame for (the phone offline, an unknown error).
   */
  readonly serverAnswering: boolean;
  /** The server's Retry-After, or null. */
  readonly retryAfterMs: number | null;
  /** The outage backoff of this error category: first step and ceiling. */
  readonly baseMs: number;
  readonly capMs: number;
  readonly minMs: number;
  /** The quick retries' first step and ceiling, and how many attempts get them. */
  readonly quickBaseMs: number;
  readonly quickCapMs: number;
  readonly quickAttempts: number;
  readonly random: Random;
}

/**
 * Delay before a failed message's next attempt of its own. A random failure is not an outage: long
 * backoff is for a server that is down, which is the circuit breaker's to judge, not each message's.
 * - The server asked (Retry-After): then, as it asked.
 * - The server answers others: a quick retry, a few seconds at most. After `quickAttempts` the
 *   message is likely refused for what it is, and backs off as in an outage, so its attempts last as
 *   long as they always did.
 * - Otherwise, the outage backoff. While the breaker is open that only paces the message's own
 *   attempts: the breaker's probes go at their own pace, and the probe that closes it brings every
 *   waiting message forward (dispatcher.ts).
 */
export function retryDelayMs(input: RetryDelayInput): number {
  const { attempt, retryAfterMs, minMs, random } = input;
  if (retryAfterMs === null && input.serverAnswering && attempt <= input.quickAttempts) {
    return backoffDelayMs({ attempt, baseMs: input.quickBaseMs, capMs: input.quickCapMs, minMs, retryAfterMs, random });
  }
  return backoffDelayMs({ ...input, retryAfterMs });
}
