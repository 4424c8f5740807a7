import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryDelayMs, type BackoffInput, type RetryDelayInput } from './backoff';
import { fixedRandom, seededRandom } from '../../test/support/seeded-random';

const base: BackoffInput = {
  attempt: 1,
  baseMs: 5_000,
  capMs: 900_000,
  minMs: 500,
  retryAfterMs: null,
  random: fixedRandom(0.999999),
};

describe('backoffDelayMs', () => {
  it('doubles the step with each attempt', () => {
    const steps = [1, 2, 3, 4].map((attempt) => backoffDelayMs({ ...base, attempt }));
    expect(steps).toEqual([4_999, 9_999, 19_999, 39_999]);
  });

  it('caps the step at 15 minutes however many attempts were made', () => {
    expect(backoffDelayMs({ ...base, attempt: 30 })).toBe(899_999);
    expect(backoffDelayMs({ ...base, attempt: 5_000 })).toBe(899_999);
  });

  it('jitters over the whole step (full jitter), never below the floor', () => {
    const random = seededRandom(7);
    const delays = Array.from({ length: 2_000 }, () => backoffDelayMs({ ...base, attempt: 4, random }));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThan(40_000);
    expect(Math.min(...delays)).toBeLessThan(2_000);
    expect(Math.max(...delays)).toBeGreaterThan(38_000);
    expect(new Set(delays).size).toBeGreaterThan(1_000);
  });

  it('never schedules earlier than Retry-After, even above the cap', () => {
    expect(backoffDelayMs({ ...base, random: fixedRandom(0), retryAfterMs: 120_000 })).toBe(120_000);
    expect(backoffDelayMs({ ...base, attempt: 40, random: fixedRandom(0), retryAfterMs: 3_600_000 })).toBe(3_600_000);
  });

  it('comes back when Retry-After says, spread by at most 20 %, whatever the attempt', () => {
    expect(backoffDelayMs({ ...base, attempt: 8, random: fixedRandom(0.999999), retryAfterMs: 1_000 })).toBe(1_199);
    expect(backoffDelayMs({ ...base, attempt: 8, random: fixedRandom(0), retryAfterMs: 1_000 })).toBe(1_000);
    expect(backoffDelayMs({ ...base, random: fixedRandom(0), retryAfterMs: 0 })).toBe(500);
  });
});

describe('retryDelayMs', () => {
  const failure: RetryDelayInput = {
    attempt: 1,
    serverAnswering: true,
    retryAfterMs: null,
    baseMs: 10_000,
    capMs: 900_000,
    minMs: 500,
    quickBaseMs: 1_000,
    quickCapMs: 5_000,
    quickAttempts: 15,
    random: fixedRandom(0.999999),
  };
  const delays = (input: Partial<RetryDelayInput>, attempts: number[]) =>
    attempts.map((attempt) => retryDelayMs({ ...failure, ...input, attempt }));

  it('retries within seconds while the server answers others: 1 s, doubling, never over 5 s', () => {
    expect(delays({}, [1, 2, 3, 4, 5, 10, 15])).toEqual([999, 1_999, 3_999, 4_999, 4_999, 4_999, 4_999]);
  });

  it('backs off as in an outage once a message has failed more often than chance explains while others go through', () => {
    expect(delays({}, [16, 17, 50])).toEqual([899_999, 899_999, 899_999]);
    expect(delays({ quickAttempts: 0 }, [1, 2, 3])).toEqual([9_999, 19_999, 39_999]);
  });

  it('keeps the outage backoff while the server is down or not to blame', () => {
    expect(delays({ serverAnswering: false }, [1, 2, 3, 30])).toEqual([9_999, 19_999, 39_999, 899_999]);
  });

  it('honours Retry-After as given whether the server answers others or not, never sooner', () => {
    for (const serverAnswering of [true, false]) {
      expect(retryDelayMs({ ...failure, serverAnswering, retryAfterMs: 30_000, random: fixedRandom(0) })).toBe(30_000);
      expect(retryDelayMs({ ...failure, serverAnswering, retryAfterMs: 30_000 })).toBeLessThan(36_000);
      const late = { ...failure, serverAnswering, attempt: 40, retryAfterMs: 3_600_000, random: fixedRandom(0) };
      expect(retryDelayMs(late)).toBe(3_600_000);
    }
  });
});
