// load: the arrival schedule, as steps that run one after another.
import { z } from 'zod';
import { maxMessages } from './defaults';
import { duration, rate } from './fields';
import { tagged } from './tagged-union';

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
  .transform(({ constant: step }) => ({ kind: 'constant' as const, ratePerSec: step.rate, forMs: step.for }));

const ramp = z
  .strictObject({
    ramp: z.strictObject({
      from: rate('from', { zero: true }).describe('Rate at the start, e.g. 1/s.'),
      to: rate('to', { zero: true }).describe('Rate at the end, e.g. 50/s; the rate changes linearly.'),
      over: duration('over').describe('How long the ramp lasts.'),
    }),
  })
  .transform(({ ramp: step }) => ({
    kind: 'ramp' as const,
    fromPerSec: step.from,
    toPerSec: step.to,
    overMs: step.over,
  }));

const soak = z
  .strictObject({
    soak: z.strictObject({
      rate: rate('rate').describe('Steady arrival rate for the long run, e.g. 2/s.'),
      for: duration('for').describe('How long, e.g. 8h.'),
    }),
  })
  .transform(({ soak: step }) => ({ kind: 'soak' as const, ratePerSec: step.rate, forMs: step.for }));

/** One step of the load: a burst, a constant rate, a ramp or a soak. */
export const loadStepSchema = tagged(z.union([burst, constant, ramp, soak]), {
  label: 'load step',
  tags: ['burst', 'constant', 'ramp', 'soak'],
  example: '{ burst: { count: 100, over: 10s } }',
});
export type LoadStep = z.output<typeof loadStepSchema>;
