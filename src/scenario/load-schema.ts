// load: the arrival schedule, as steps that run one after another.
import { z } from 'zod';
import { stepMessageCount } from './step-size';
import { maxMessages } from './defaults';
import { describeLoadStep } from './describe-scenario';
import { duration, rate } from './fields';
import { tagged } from './tagged-union';

/** A step that sends nothing ("2/h for 10m") is a mistake, not a quiet no-op. */
function sendsSome(step: LoadStep, context: z.RefinementCtx): void {
  if (stepMessageCount(step) >= 1) return;
  context.addIssue({
    code: 'custom',
    path: [step.kind],
    message: `Expected the ${step.kind} step to send at least one SMS, but ${describeLoadStep(step)} sends none`,
    input: step,
  });
}

const burst = z
  .strictObject({
    burst: z.strictObject({
      count: z.int().min(1).max(maxMessages).describe('How many SMS.'),
      over: duration('over', { zero: true }).describe('Spread evenly over this time; 0s sends all at once.'),
    }),
  })
  .transform(({ burst: step }) => ({ kind: 'burst' as const, count: step.count, overMs: step.over }));

const constant = z
  .strictObject({
    constant: z.strictObject({
      rate: rate('rate').describe('Steady arrival rate, e.g. 5/s.'),
      for: duration('for').describe('How long.'),
    }),
  })
  .transform(({ constant: step }, context) => {
    const parsed = { kind: 'constant' as const, ratePerSec: step.rate, forMs: step.for };
    sendsSome(parsed, context);
    return parsed;
  });

const ramp = z
  .strictObject({
    ramp: z.strictObject({
      from: rate('from', { zero: true }).describe('Rate at the start, e.g. 1/s.'),
      to: rate('to', { zero: true }).describe('Rate at the end, e.g. 50/s; the rate changes linearly.'),
      over: duration('over').describe('How long the ramp lasts.'),
    }),
  })
  .transform(({ ramp: step }, context) => {
    const parsed = { kind: 'ramp' as const, fromPerSec: step.from, toPerSec: step.to, overMs: step.over };
    sendsSome(parsed, context);
    return parsed;
  });

const soak = z
  .strictObject({
    soak: z.strictObject({
      rate: rate('rate').describe('Steady arrival rate for the long run, e.g. 2/s.'),
      for: duration('for').describe('How long, e.g. 8h.'),
    }),
  })
  .transform(({ soak: step }, context) => {
    const parsed = { kind: 'soak' as const, ratePerSec: step.rate, forMs: step.for };
    sendsSome(parsed, context);
    return parsed;
  });

/** One step of the load: a burst, a constant rate, a ramp or a soak. */
export const loadStepSchema = tagged(z.union([burst, constant, ramp, soak]), {
  label: 'load step',
  tags: ['burst', 'constant', 'ramp', 'soak'],
  example: '{ burst: { count: 100, over: 10s } }',
});
export type LoadStep = z.output<typeof loadStepSchema>;
