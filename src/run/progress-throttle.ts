// How often the plain progress line is printed: every second at first, when a reader is watching a
// short run, then every few seconds so a soak's CI log stays readable.
import { runDefaults } from './defaults';
import type { ProgressSnapshot } from './progress';

export interface ProgressThrottleOptions {
  /** Interval at the start of a run, ms. Default `runDefaults.progressIntervalMs` (1 s). */
  readonly everyMs?: number;
  /** After this much of the run, ms, lines come `thenEveryMs` apart. Default 30 s. */
  readonly slowAfterMs?: number;
  /** Default 5 s. */
  readonly thenEveryMs?: number;
}

// Samples come about a second apart with a little jitter; a line due a few ms early still prints.
const JITTER_TOLERANCE = 0.9;

/** Returns a filter that says whether a snapshot deserves a line; a change of phase always does. */
export function createProgressThrottle(
  options: ProgressThrottleOptions = {},
): (snapshot: Pick<ProgressSnapshot, 'elapsedMs' | 'phase'>) => boolean {
  const everyMs = options.everyMs ?? runDefaults.progressIntervalMs;
  const slowAfterMs = options.slowAfterMs ?? runDefaults.progressSlowAfterMs;
  const thenEveryMs = options.thenEveryMs ?? runDefaults.progressSlowIntervalMs;
  let lastAtMs: number | null = null;
  let lastPhase: string | null = null;
  return (snapshot) => {
    const interval = snapshot.elapsedMs < slowAfterMs ? everyMs : thenEveryMs;
    const due =
      lastAtMs === null || snapshot.phase !== lastPhase || snapshot.elapsedMs - lastAtMs >= interval * JITTER_TOLERANCE;
    if (due) {
      lastAtMs = snapshot.elapsedMs;
      lastPhase = snapshot.phase;
    }
    return due;
  };
}
