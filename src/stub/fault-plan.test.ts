import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import type { Fault } from '../scenario/fault-schema';
import { createFaultPlan } from './fault-plan';

const status503: Fault = { kind: 'status', status: 503, rate: 1, retryAfterMs: 1500, window: null };

describe('createFaultPlan', () => {
  it('stops rolling at the first fault that fires and answers', () => {
    const plan = createFaultPlan([status503, { kind: 'reset', rate: 1, window: null }], 1);
    expect([...plan.decide(0)]).toEqual([0]);
  });

  it('rolls on past a delay that fired, to the fault after it', () => {
    const plan = createFaultPlan(
      [
        { kind: 'delay', delayMs: 300, rate: 1, window: null },
        { kind: 'delay', delayMs: 200, rate: 1, window: null },
        { kind: 'hang', rate: 1, window: null },
        { kind: 'reset', rate: 1, window: null },
      ],
      1,
    );
    expect([...plan.decide(0)]).toEqual([0, 1, 2]);
  });

  it('fires nothing at rate 0', () => {
    const plan = createFaultPlan([{ ...status503, rate: 0 }], 1);
    expect(plan.decide(0).size).toBe(0);
  });

  it('fires a windowed fault only inside its window', () => {
    const plan = createFaultPlan([{ kind: 'reset', rate: 1, window: { atMs: 1000, forMs: 500 } }], 1);
    expect(plan.decide(999).has(0)).toBe(false);
    expect(plan.decide(1000).has(0)).toBe(true);
    expect(plan.decide(1499).has(0)).toBe(true);
    expect(plan.decide(1500).has(0)).toBe(false);
  });

  it('fires a rate fault about as often as its rate, the same count for the same seed', () => {
    const count = (seed: number) => {
      const plan = createFaultPlan([{ ...status503, rate: 0.2 }], seed);
      return Array.from({ length: 1000 }, () => plan.decide(0)).filter((fired) => fired.size > 0).length;
    };
    const fired = count(9);
    expect(fired).toBeGreaterThan(150);
    expect(fired).toBeLessThan(250);
    expect(count(9)).toBe(fired);
  });

  it('keeps outages and TLS out of the per-request faults, and redirects in, in order', () => {
    const redirect: Fault = { kind: 'redirect', status: 301, to: '/elsewhere', rate: 1, window: null };
    const plan = createFaultPlan(
      [
        { kind: 'outage', window: { atMs: 5000, forMs: 10_000 } },
        { kind: 'tls', certificate: 'self-signed' },
        redirect,
        status503,
      ],
      1,
    );
    expect(plan.outages).toEqual([{ atMs: 5000, forMs: 10_000 }]);
    expect(plan.tls).toBe('self-signed');
    expect(plan.perRequest).toEqual([redirect, status503]);
    expect([...plan.decide(6000)]).toEqual([0]);
    expect(createFaultPlan([status503], 1).tls).toBeNull();
  });

  it('rejects every bad fault at once', () => {
    const bad: Fault[] = [
      { ...status503, rate: 2 },
      { kind: 'delay', delayMs: -1, rate: 1, window: null },
      { ...status503, status: 42 },
      { kind: 'redirect', status: 303 as 301, to: 'elsewhere', rate: 1, window: null },
    ];
    const error = (() => {
      try {
        createFaultPlan(bad, 1);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).code).toBe('bad-option');
    expect((error as SmsgwError).issues).toHaveLength(5);
  });
});
