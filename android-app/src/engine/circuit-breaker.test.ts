import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { fixedRandom } from '../../test/support/seeded-random';

const make = () =>
  new CircuitBreaker({ threshold: 3, probeBaseMs: 1_000, maxProbeDelayMs: 10_000, random: fixedRandom(1) });

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

  it('a failed probe reopens for a longer step, capped', () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.record('transient-failure', 0, false);
    const probeTimes: number[] = [];
    for (let round = 0; round < 6; round++) {
      const now = breaker.probeAt!;
      probeTimes.push(now);
      breaker.takeProbe(now);
      breaker.record('transient-failure', now, true);
    }
    const gaps = probeTimes.slice(1).map((t, i) => t - probeTimes[i]!);
    expect(gaps).toEqual([2_000, 4_000, 8_000, 10_000, 10_000]);
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
