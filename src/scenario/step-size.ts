// How many SMS a load step sends and how long it lasts: shared by the schedule and the scenario's limits.
import type { LoadStep } from './load-schema';

/**
 * Whole messages in `exact` (a product of floats): the slack keeps 0.1/s × 30s at 3, not the
 * 2.9999999999999996 that floating point gives.
 */
function wholeMessages(exact: number): number {
  return Math.floor(exact * (1 + 1e-12) + 1e-9);
}

/** SMS the step sends: a burst its count; a steady rate one every 1/rate s; a ramp the area under its rate. */
export function stepMessageCount(step: LoadStep): number {
  switch (step.kind) {
    case 'burst':
      return step.count;
    case 'constant':
    case 'soak':
      return wholeMessages((step.ratePerSec * step.forMs) / 1000);
    case 'ramp':
      return wholeMessages((((step.fromPerSec + step.toPerSec) / 2) * step.overMs) / 1000);
  }
}

/** How long the step lasts; the next step starts when it ends. */
export function stepDurationMs(step: LoadStep): number {
  switch (step.kind) {
    case 'burst':
    case 'ramp':
      return step.overMs;
    case 'constant':
    case 'soak':
      return step.forMs;
  }
}

/** SMS the whole load sends. */
export function totalMessages(steps: readonly LoadStep[]): number {
  return steps.reduce((sum, step) => sum + stepMessageCount(step), 0);
}

/** How long the whole load lasts, steps back to back. */
export function totalDurationMs(steps: readonly LoadStep[]): number {
  return steps.reduce((sum, step) => sum + stepDurationMs(step), 0);
}
