import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import type { Fault } from '../scenario/fault-schema';
import { createFaultPlan } from './fault-plan';

const status503: Fault = { kind: 'status', status: 503, rate: 1, retryAfterMs: 1500, window: null };

describe('createFaultPlan', () => {
  it('answers with the first terminal fault that fires', () => {
    const plan = createFaultPlan([status503, { kind: 'reset', rate: 1, window: null }], 1);
    expect(plan.decide(0)).toEqual({
      delayMs: 0,
      applied: ['status:503'],
      answer: { kind: 'status', status: 503, retryAfterMs: 1500 },
    });
  });

  it('applies a delay and keeps evaluating the faults after it', () => {
    const plan = createFaultPlan(
      [
        { kind: 'delay', delayMs: 300, rate: 1, window: null },
        { kind: 'delay', delayMs: 200, rate: 1, window: null },
        { kind: 'hang', rate: 1, window: null },
      ],
      1,
    );
    expect(plan.decide(0)).toEqual({
      delayMs: 500,
      applied: ['delay:300', 'delay:200', 'hang'],
      answer: { kind: 'hang' },
    });
  });

  it('carries on to normal handling when nothing fires', () => {
    const plan = createFaultPlan([{ ...status503, rate: 0 }], 1);
    expect(plan.decide(0)).toEqual({ delayMs: 0, applied: [], answer: null });
  });

  it('fires a windowed fault only inside its window', () => {
    const plan = createFaultPlan([{ kind: 'reset', rate: 1, window: { atMs: 1000, forMs: 500 } }], 1);
    expect(plan.decide(999).answer).toBeNull();
    expect(plan.decide(1000).answer).toEqual({ kind: 'reset' });
    expect(plan.decide(1499).answer).toEqual({ kind: 'reset' });
    expect(plan.decide(1500).answer).toBeNull();
  });

  it('fires a rate fault about as often as its rate, the same count for the same seed', () => {
    const count = (seed: number) => {
      const plan = createFaultPlan([{ ...status503, rate: 0.2 }], seed);
      return Array.from({ length: 1000 }, () => plan.decide(0)).filter((d) => d.answer).length;
    };
    const fired = count(9);
    expect(fired).toBeGreaterThan(150);
    expect(fired).toBeLessThan(250);
    expect(count(9)).toBe(fired);
  });

  it('keeps outages out of the per-request decision and lists their windows', () => {
    const plan = createFaultPlan([{ kind: 'outage', window: { atMs: 5000, forMs: 10_000 } }], 1);
    expect(plan.outages).toEqual([{ atMs: 5000, forMs: 10_000 }]);
    expect(plan.decide(6000).answer).toBeNull();
  });

  it('rejects every bad fault at once', () => {
    const bad: Fault[] = [
      { ...status503, rate: 2 },
      { kind: 'delay', delayMs: -1, rate: 1, window: null },
      { ...status503, status: 42 },
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
    expect((error as SmsgwError).issues).toHaveLength(3);
  });
});
