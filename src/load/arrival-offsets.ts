// When each SMS is sent, in ms from the start of the load: the schedule of a scenario's `load`.
import type { LoadStep } from '../scenario/load-schema';
import { stepDurationMs, stepMessageCount } from '../scenario/step-size';

/**
 * Offset of the `index`-th SMS within a ramp from `fromPerSec` to `toPerSec` over `overMs`: the time
 * t at which the integral of the rate, from·t + (to − from)·t²/2T, reaches `index`.
 */
export function rampOffsetMs(index: number, fromPerSec: number, toPerSec: number, overMs: number): number {
  if (index === 0) return 0;
  const seconds = overMs / 1000;
  const a = (toPerSec - fromPerSec) / (2 * seconds);
  const b = fromPerSec;
  // 2k / (b + √(b² + 4ak)) is the root of a·t² + b·t − k that stays exact when a → 0 (a flat ramp).
  const t = (2 * index) / (b + Math.sqrt(Math.max(0, b * b + 4 * a * index)));
  return Math.min(t * 1000, overMs);
}

/** Offsets of one step's SMS, relative to the step's start. */
function* stepOffsets(step: LoadStep): Generator<number> {
  const count = stepMessageCount(step);
  for (let index = 0; index < count; index += 1) {
    switch (step.kind) {
      case 'burst':
        // Spread evenly: the first at 0, none at `over` itself, so back-to-back bursts do not double up.
        yield (index * step.overMs) / step.count;
        break;
      case 'constant':
      case 'soak':
        yield (index * 1000) / step.ratePerSec;
        break;
      case 'ramp':
        yield rampOffsetMs(index, step.fromPerSec, step.toPerSec, step.overMs);
        break;
    }
  }
}

/**
 * Offsets in ms from the start of the load, one per SMS, never decreasing; steps run one after
 * another. Finite: the scenario schema caps the total at 10,000,000 SMS.
 */
export function* arrivalOffsets(steps: readonly LoadStep[]): Generator<number> {
  let startMs = 0;
  for (const step of steps) {
    for (const offset of stepOffsets(step)) yield startMs + offset;
    startMs += stepDurationMs(step);
  }
}
