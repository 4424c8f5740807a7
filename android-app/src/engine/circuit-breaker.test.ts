import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { fixedRandom, seededRandom } from '../../test/support/seeded-random';
import type { Random } from './ports';

const make = (random: Random = fixedRandom(1)) =>
  new CircuitBreaker({ threshold: 3, probeBaseMs: 1_000, maxProbeDelayMs: 10_000, probeShare: 0.25, random });

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and opens at it', () => {
    const breaker = make();
    breaker.record('transient-failure', 0, false);
    breaker.record('transient-failure', 0, false);
    expect(breaker.state(0)).toBe('closed');
    expect(breaker.slots(0, 8)).toBe(8);
    breaker.record('transient-failure', 0, false);
    expect(breaker.state(0)).toBe('open');
    expect(breaker.slots(0, 8)).toBe(0);
  });

  it('a success in between resets the count of consecutive failures', () => {
    const breaker = make();
    breaker.record('transient-failure', 0, false);
    breaker.record('transient-failure', 0, false);
    breaker.record('success', 0, false);
    breaker.record('transient-failure', 0, false);
    expect(breaker.state(0)).toBe('closed');
  });

  it('lets exactly one probe through when the step has passed, and closes on its success', () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', 0, false);
    expect(breaker.probeAt).toBe(1_000);
    expect(breaker.slots(999, 8)).toBe(0);
    expect(breaker.state(1_000)).toBe('half-open');
    expect(breaker.slots(1_000, 8)).toBe(1);
    expect(breaker.takeProbe(1_000)).toBe(true);
    expect(breaker.slots(1_000, 8)).toBe(0);
    expect(breaker.takeProbe(1_000)).toBe(false);
    breaker.record('success', 1_200, true);
    expect(breaker.state(1_200)).toBe('closed');
  });

  /** Fails every probe from an outage that began at 0; the times the probes went. */
  const failEveryProbe = (breaker: CircuitBreaker, rounds: number): number[] => {
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', 0, false);
    const probeTimes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const now = breaker.probeAt!;
      probeTimes.push(now);
      breaker.takeProbe(now);
      breaker.record('transient-failure', now, true);
    }
    return probeTimes;
  };

  it('a failed probe reopens for a step of a quarter of the outage so far, never under the first step, capped', () => {
    const probeTimes = failEveryProbe(make(), 20);
    const gaps = probeTimes.slice(1).map((t, i) => t - probeTimes[i]!);
    // The first step while the outage is young (under 4 s), then a quarter of it (5 s → 1.25 s), then the cap.
    expect(gaps.slice(0, 8)).toEqual([1_000, 1_000, 1_000, 1_000, 1_250, 1_562, 1_953, 2_441]);
    expect(gaps.slice(-5)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('finds a server that comes back within a quarter of the time it was down, whatever the jitter draws', () => {
    const probeTimes = failEveryProbe(make(seededRandom(11)), 60);
    // A server back just after a failed probe at t is found by the next probe, at most a quarter of t later.
    probeTimes.slice(1).forEach((next, i) => {
      const failedAt = probeTimes[i]!;
      expect(next - failedAt).toBeLessThanOrEqual(Math.min(10_000, Math.max(1_000, failedAt * 0.25)));
      // Equal jitter: never sooner than half the step.
      expect(next - failedAt).toBeGreaterThanOrEqual(Math.min(5_000, Math.max(500, failedAt * 0.125)) - 1);
    });
  });

  it('a success ends the outage: the next one starts again from the first step', () => {
    const breaker = make();
    const probeTimes = failEveryProbe(breaker, 12);
    const now = breaker.probeAt!;
    expect(now - probeTimes.at(-1)!).toBeGreaterThan(1_000);
    breaker.takeProbe(now);
    breaker.record('success', now, true);
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', now, false);
    expect(breaker.probeAt).toBe(now + 1_000);
  });

  it("a probe never goes earlier than the server's Retry-After", () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', 0, false, 60_000);
    expect(breaker.probeAt).toBe(60_000);
  });

  it('ignores failures of sends launched before it opened', () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', 0, false);
    breaker.record('transient-failure', 500, false);
    expect(breaker.probeAt).toBe(1_000);
  });
});
