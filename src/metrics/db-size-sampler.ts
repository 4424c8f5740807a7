// Samples the size of the device's database files (the queue and its WAL) for the `db_growth` verdict.
import { stat } from 'node:fs/promises';
import type { SizeSample } from './growth-slope';
import { metricsDefaults } from './defaults';
import { createTimeSeries } from './time-series';

export interface DbSizeSampler {
  samples(): readonly SizeSample[];
  stop(): void;
}

/** Total bytes of the files that exist (the WAL comes and goes with checkpoints); null when none does. */
async function totalBytes(paths: readonly string[]): Promise<number | null> {
  const sizes = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (info) => info.size,
        () => null,
      ),
    ),
  );
  const found = sizes.filter((size) => size !== null);
  return found.length === 0 ? null : found.reduce((sum, size) => sum + size, 0);
}

/** Stats `paths` every `everyMs`; keeps at most `maxSeriesPoints` samples, thinned evenly (time-series.ts), so a soak's memory stays flat. */
export function startDbSizeSampler(
  paths: readonly string[],
  sinceStartMs: () => number,
  everyMs: number = metricsDefaults.dbSizeIntervalMs,
): DbSizeSampler {
  const kept = createTimeSeries<SizeSample>(metricsDefaults.maxSeriesPoints, 1);
  const take = async (): Promise<void> => {
    const atMs = sinceStartMs();
    const bytes = await totalBytes(paths);
    // A device whose database is not on this machine (emulator, remote) leaves `db_growth` unmeasured, not flat.
    if (bytes === null) return;
    kept.push({ atMs, bytes });
  };
  const timer = setInterval(() => void take(), everyMs);
  return {
    samples: () => kept.points(),
    stop: () => clearInterval(timer),
  };
}
