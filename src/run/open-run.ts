// The first step of a run, before anything starts: its folder proven writable, room held back on its
// disk, its injection log opened. A run that cannot keep its evidence stops here (exit 3).
import { setMaxListeners } from 'node:events';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../scenario/index';
import { shardMessageCount, totalDurationMs, totalMessages } from '../load/index';
import { createMetricsRecorder } from '../metrics/metrics-recorder';
import { startHarnessMemoryProbe } from '../metrics/harness-memory';
import { injectionDefaults } from '../injection/defaults';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { runDefaults } from './defaults';
import { prepareReportsFolder } from './prepare-reports-folder';
import { holdDiskReserve, type DiskReserve } from './disk-reserve';
import { diskFullError, isDiskFull, noteDiskFull } from './disk-full-error';
import { createRunNews } from './run-news';
import { RunTrouble } from './run-trouble';
import { Teardowns } from '../teardowns';
import { nothingYet, type RunContext } from './run-context';
import type { RunOptions } from './run-options';

function runIdFor(scenario: Scenario, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${scenario.name}-${process.pid}`;
}

/** Room for the run's last files; a disk too full for even that stops the run before it starts. */
async function holdReserve(dir: string): Promise<DiskReserve> {
  try {
    return await holdDiskReserve(join(dir, runDefaults.diskReserveFile), runDefaults.diskReserveBytes);
  } catch (error) {
    const full = isDiskFull(error)
      ? diskFullError(
          dir,
          noteDiskFull(dir, {
            writing: `a ${runDefaults.diskReserveBytes / 1024} KiB reserve for the run's last files`,
            cause: error,
            atMs: null,
            stoppedRun: false,
          }),
        )
      : null;
    // Only if empty: it holds nothing yet, unless an earlier run got the same id.
    await rmdir(dir).catch(() => undefined);
    throw full ?? error;
  }
}

/** The injection log; when it cannot be opened, the reserve goes and the run stops before it starts. */
async function openLog(dir: string, reserve: DiskReserve, trouble: RunTrouble): Promise<InjectionStore> {
  try {
    const onError = (error: unknown): void => trouble.cannotRecord('injections.sqlite', error);
    return openInjectionStore(join(dir, 'injections.sqlite'), onError);
  } catch (error) {
    // Noted before the reserve goes: the free space it gives back was never the run's to use.
    const note = isDiskFull(error)
      ? noteDiskFull(dir, { writing: 'injections.sqlite', cause: error, atMs: null, stoppedRun: false })
      : null;
    await reserve.release();
    throw note ? diskFullError(dir, note) : error;
  }
}

/** `--redact`: the run's databases hold every number and text in the clear, so they do not outlive it. */
async function removeRawData(dir: string): Promise<void> {
  const files = await readdir(dir);
  await Promise.all(
    files
      .filter((file) => /\.sqlite(-wal|-shm|-journal)?$/.test(file))
      .map((file) => rm(join(dir, file), { force: true })),
  );
}

/** Prepares the run's folder, its disk reserve and its injection log; throws (exit 3) when it cannot keep its evidence. */
export async function openRun(scenario: Scenario, options: RunOptions): Promise<RunContext> {
  const startedAt = new Date();
  const runId = runIdFor(scenario, startedAt);
  const dir = join(options.reportsDir ?? runDefaults.reportsDir, runId);
  await prepareReportsFolder(dir);
  const reserve = await holdReserve(dir);
  const sinceStart = (): number => Date.now() - startedAt.getTime();
  const stopping = new AbortController();
  const recorder = createMetricsRecorder({ source: 'run', title: scenario.description });
  const trouble = new RunTrouble(dir, stopping, recorder, sinceStart);
  const log = await openLog(dir, reserve, trouble);
  const machinery = new Teardowns();
  // Released last: the room held back takes what is still buffered and the report.
  machinery.defer('disk reserve', () => reserve.release().catch(() => undefined));
  const evidence = new Teardowns();
  if (options.redact) evidence.defer('raw data', () => removeRawData(dir));
  evidence.defer('injection log', () => log.close());
  const soFar = nothingYet();
  // Every SMS waiting out a KO retry listens for the stop: up to the injector's in-flight limit at once.
  setMaxListeners(injectionDefaults.maxInFlight + runDefaults.stopListenersBesideSends, stopping.signal);
  options.signal?.addEventListener('abort', () => stopping.abort(), { once: true });
  const harnessMemory = startHarnessMemoryProbe();
  machinery.defer('harness memory probe', () => harnessMemory.stop());
  const news = createRunNews(recorder, log, options.gate);
  const ledgerPath = join(dir, 'ledger.sqlite');
  // A shard's share of the load, over the load's whole length: its SMS keep their moments.
  const planned = shardMessageCount(totalMessages(scenario.load), options.shard);
  const base = {
    scenario,
    options,
    runId,
    startedAt,
    dir,
    ledgerPath,
    planned,
    plannedLoadMs: totalDurationMs(scenario.load),
  };
  return { ...base, log, stopping, recorder, trouble, harnessMemory, news, machinery, evidence, soFar, sinceStart };
}
