// About once a second during the load and the drain: the device's health, the stub's stats and the
// injector's counts, into the metrics recorder and out to the progress line and the dashboard.
import { join } from 'node:path';
import type { Device, DeviceHealth } from '../device/core/device';
import type { Polled } from '../metrics/metrics-recorder';
import { startDbSizeSampler } from '../metrics/db-size-sampler';
import { runDefaults } from './defaults';
import { spaceOf } from './disk-full-error';
import { noteNews, notePeakRss, type RunContext, type RunSoFar } from './run-context';
import { startAbortWatch, type AbortWatch } from './abort-watch';
import { startLiveFeed, type LiveFeed } from './live-metrics';
import type { Started } from './start-run';

export interface RunSampler {
  /** Takes a sample now, whatever the timer. */
  sampleNow(): Promise<void>;
  /** The run reached its end by itself: samples from now on stop it no more (`abort_on_fail`). */
  endOfRun(): void;
}

/** Runs `task` on each tick unless the one before is still running: a slow health answer must not stack samples up behind it. */
class SkipWhileBusy {
  private busy = false;

  constructor(private readonly task: () => Promise<void>) {}

  tick(): void {
    if (this.busy) return;
    this.busy = true;
    void this.task().finally(() => (this.busy = false));
  }
}

async function pollHealth(device: Device, soFar: RunSoFar): Promise<Polled<DeviceHealth>> {
  try {
    soFar.deviceHealth = await device.health();
    return { kind: 'ok', value: soFar.deviceHealth };
  } catch (error) {
    // A device that misses one sample shows as unreachable; the drain decides whether it matters.
    return { kind: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A disk the device filled up shows here first: it answers KO or hangs, and the harness may have
 * nothing to write for a while.
 */
function stopIfDiskFull(run: RunContext): void {
  const { free } = spaceOf(run.dir);
  if (free !== null && free < runDefaults.diskFullBelowBytes) run.trouble.stopOnFullDisk(null, null);
}

/** Time the load has run, ms, pauses left out. */
function loadElapsedMs({ soFar, options }: RunContext): number {
  if (soFar.phase === 'starting') return 0;
  return (soFar.loadEndedAt ?? Date.now()) - soFar.loadStartedAt - (options.gate?.pausedMs() ?? 0);
}

async function sample(run: RunContext, { stub, device }: Started, watch: AbortWatch, live: LiveFeed): Promise<void> {
  const { soFar, log, options } = run;
  // Counts first, then the device's queue, then the stub: an SMS acknowledged by now is queued or
  // already accepted by the time those are read, so "lost so far" never counts one on its way.
  const counts = log.counts();
  const health = await pollHealth(device, soFar);
  await notePeakRss(soFar, device);
  noteNews(run);
  stopIfDiskFull(run);
  const elapsedMs = Math.max(0, loadElapsedMs(run));
  const harnessRssBytes = process.memoryUsage.rss();
  soFar.harnessPeaks.add(run.sinceStart(), harnessRssBytes);
  // After the counts: what the server accepted by now covers every SMS acknowledged by then.
  const stubStats = stub.stats();
  const snapshot = run.recorder.sample({
    atMs: run.sinceStart(),
    harness: { rssBytes: harnessRssBytes, retainedHeapBytes: run.harnessMemory.retainedHeapBytes() },
    phase: soFar.phase,
    health,
    // A fleet: each device's row, beside the fleet's figures.
    ...(soFar.fleet ? { devices: soFar.fleet.rows(log.deviceCounts()) } : {}),
    stub: { kind: 'ok', value: stubStats },
    load: {
      planned: run.planned,
      attempted: log.attempted,
      injected: counts.acknowledged,
      refused: counts.refused,
      inDoubt: counts.inDoubt,
      clock: { plannedMs: run.plannedLoadMs, elapsedMs, paused: options.gate?.paused ?? false },
    },
  });
  options.onProgress?.(snapshot);
  watch.judge({ counts, stubStats, loadElapsedMs: elapsedMs });
  await live.sampled({ counts, stubStats });
}

/** Samples every `runDefaults.sampleIntervalMs`, and the device's database size for `db_growth`. */
export function startSampling(run: RunContext, started: Started): RunSampler {
  const watch = startAbortWatch(run, started.stub);
  const live = startLiveFeed(run, started);
  const sampleNow = (): Promise<void> => sample(run, started, watch, live);
  const ticks = new SkipWhileBusy(sampleNow);
  const timer = setInterval(() => ticks.tick(), runDefaults.sampleIntervalMs);
  run.machinery.defer('sampler', () => clearInterval(timer));
  // A fleet's `db_growth` is of every device's files together.
  const databases =
    started.fleet.length > 1
      ? started.fleet.flatMap(({ device }) => (device.databasePath === null ? [] : [device.databasePath]))
      : [join(run.dir, 'device.sqlite')];
  const deviceFiles = databases.flatMap((path) => [path, `${path}-wal`]);
  const dbSizes = startDbSizeSampler(deviceFiles, run.sinceStart);
  run.soFar.dbSizes = dbSizes;
  run.machinery.defer('database size sampler', () => dbSizes.stop());
  return { sampleNow, endOfRun: () => watch.end() };
}
