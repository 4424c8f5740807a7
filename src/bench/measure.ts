// Running an operation for a bounded count and time and turning it into a rate.

export interface RateOptions {
  /** Stop after this long, ms. */
  readonly durationMs: number;
  /** Stop after this many operations, whatever the time. */
  readonly maxOps: number;
}

/** Runs `operation` back to back until the count or the time runs out; returns operations per second. */
export async function sequentialRate(operation: () => unknown, options: RateOptions): Promise<number> {
  const started = performance.now();
  let done = 0;
  while (done < options.maxOps && performance.now() - started < options.durationMs) {
    await operation();
    done += 1;
  }
  return done / ((performance.now() - started) / 1000);
}

/** Runs `operation` with `concurrency` workers until the count or the time runs out; operations per second. */
export async function concurrentRate(
  operation: () => Promise<unknown>,
  concurrency: number,
  options: RateOptions,
): Promise<number> {
  const started = performance.now();
  let claimed = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (claimed < options.maxOps && performance.now() - started < options.durationMs) {
      claimed += 1;
      await operation();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

/** The median of a few timed runs of `operation`, ms. */
export async function medianMs(operation: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Nearest-rank percentile of `values` (p in 0..1); NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
