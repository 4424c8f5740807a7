// The orchestrator: stub up, device up, load, drain, verdicts, teardown, reports. Every exit path
// (pass, fail, error, Ctrl-C) tears everything down and leaves a report behind.
import { setMaxListeners } from 'node:events';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import os from 'node:os';
import type { Scenario } from '../scenario/index';
import { arrivalOffsets, createMessageGenerator, deriveSeed, totalDurationMs, totalMessages } from '../load/index';
import { startStub, type StubServer, type StubStats } from '../stub/index';
import { createDevice } from '../device/create-device';
import type { Device, DeviceHealth } from '../device/core/device';
import { inject, type PlannedSms } from '../injection/injector';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { tracedMessages } from '../judge/trace';
import { createRedactor } from '../report/redact';
import { DeviceConsole } from '../injection/device-console';
import { startChaos, type ChaosRun } from '../chaos/chaos';
import { runDefaults } from './defaults';
import { SmsgwError } from '../errors';
import { formatDuration } from '../units/index';
import type { Phase } from './progress';
import type { LoadGate } from '../injection/load-gate';
import { createRunNews } from './run-news';
import { createMetricsRecorder, type Polled } from '../metrics/metrics-recorder';
import { startHarnessMemoryProbe } from '../metrics/harness-memory';
import { createPeakBuckets } from '../metrics/peak-buckets';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { summarizeRun } from '../report/summarize-run';
import type { RunReport } from '../report/run-report';
import { writeReport, writeRunFiles, type UnwrittenRunFile } from '../report/write-report';
import { prepareReportsFolder } from './prepare-reports-folder';
import { holdDiskReserve } from './disk-reserve';
import { diskFullError, isDiskFull, noteDiskFull, spaceOf, type DiskFullNote } from './disk-full-error';
import { startCheckpoints, type Checkpoints } from './checkpoints';
import { startDbSizeSampler, type DbSizeSampler } from '../metrics/db-size-sampler';

export interface RunOptions {
  /** The scenario file, for the report. */
  readonly file: string;
  readonly reportsDir?: string;
  /** Planted defects for the virtual device (`drop:0.01`). */
  readonly defects?: readonly string[];
  readonly signal?: AbortSignal;
  /** Called about once a second with everything the dashboard and the progress line show. */
  readonly onProgress?: (snapshot: MetricsSnapshot) => void;
  /** Lets the caller pause and resume the load (the dashboard's `p` key). */
  readonly gate?: LoadGate;
  /** How often the report is rewritten during the run (status `running`), ms; default `runDefaults.checkpointEveryMs`. */
  readonly checkpointEveryMs?: number;
  /** `--metrics appium`: judges the device's Health screen after the drain (passed in: this stage imports no webdriverio). */
  readonly measureDashboard?: (target: {
    healthUrl: string;
    stubStats: StubStats;
  }) => Promise<{ matches: boolean; mismatches: string[] }>;
  /** `--appium <url>`: the Appium server or grid for `device: remote` (required) and `device: emulator`. */
  readonly appiumUrl?: string;
  /** `--redact`: phone numbers masked and texts hashed in every report file. */
  readonly redact?: boolean;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly dir: string;
}

function runIdFor(scenario: Scenario, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${scenario.name}-${process.pid}`;
}

function* planFor(scenario: Scenario): Generator<PlannedSms> {
  const generator = createMessageGenerator({
    senders: scenario.messages.senders,
    text: scenario.messages.text,
    seed: scenario.seed,
    repeats: scenario.messages.repeats,
  });
  for (const atMs of arrivalOffsets(scenario.load)) yield { ...generator.next(), atMs };
}

function drainTimeoutMs(scenario: Scenario): number {
  const wanted = scenario.expect.drained_within?.value;
  return wanted === undefined ? runDefaults.drainTimeoutMs : wanted + runDefaults.drainGraceMs;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the device has nothing left to deliver; returns when that happened, or null on timeout,
 * or as soon as the queue has stayed paused for `pausedGiveUpMs`: a queue paused for its configuration
 * (a 401, a bad webhook URL) waits for a person to fix it, so it will never drain by itself.
 */
async function waitForDrain(device: Device, timeoutMs: number, signal?: AbortSignal): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let pausedSince: number | null = null;
  while (Date.now() < deadline && !signal?.aborted) {
    // A device that misses a poll (restarting, busy) is asked again until the deadline.
    const health = await device.health().catch(() => null);
    if (health?.engine.queueSize === 0) return Date.now();
    pausedSince = health?.engine.paused ? (pausedSince ?? Date.now()) : null;
    if (pausedSince !== null && Date.now() - pausedSince >= runDefaults.pausedGiveUpMs) return null;
    await sleep(runDefaults.drainPollMs);
  }
  return null;
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const runId = runIdFor(scenario, startedAt);
  const dir = join(options.reportsDir ?? runDefaults.reportsDir, runId);
  await prepareReportsFolder(dir);
  // Where the disk filled up first; the run stops there (exit 3).
  let diskFull: DiskFullNote | null = null;
  const reserve = await holdDiskReserve(join(dir, runDefaults.diskReserveFile), runDefaults.diskReserveBytes).catch(
    async (error: unknown) => {
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
    },
  );
  let log: InjectionStore;
  try {
    log = openInjectionStore(join(dir, 'injections.sqlite'), (error) => cannotRecord('injections.sqlite', error));
  } catch (error) {
    // Noted before the reserve goes: the free space it gives back was never the run's to use.
    const note = isDiskFull(error)
      ? noteDiskFull(dir, { writing: 'injections.sqlite', cause: error, atMs: null, stoppedRun: false })
      : null;
    await reserve.release();
    throw note ? diskFullError(dir, note) : error;
  }
  const ledgerPath = join(dir, 'ledger.sqlite');
  const planned = totalMessages(scenario.load);
  let phase: Phase = 'starting';
  let peakRssBytes: number | null = null;
  const harnessPeaks = createPeakBuckets();
  let lastHealth: DeviceHealth | null = null;
  let stub: StubServer | null = null;
  let device: Device | null = null;
  let client: DeviceConsole | null = null;
  let chaos: ChaosRun | null = null;
  let sampler: NodeJS.Timeout | undefined;
  let loadStartedAt = Date.now();
  let loadEndedAt: number | null = null;
  let drainedAt: number | null = null;
  let failure: unknown = null;
  let dashboard: { matches: boolean; mismatches: string[] } | null = null;
  // Stops the load and the drain: Ctrl-C (`options.signal`), or a device lost mid-run.
  const stopping = new AbortController();
  // Every SMS waiting out a KO retry listens for the stop: up to the injector's in-flight limit at once.
  setMaxListeners(runDefaults.maxInFlight + runDefaults.stopListenersBesideSends, stopping.signal);
  options.signal?.addEventListener('abort', () => stopping.abort(), { once: true });
  const recorder = createMetricsRecorder({ source: 'run', title: scenario.description });
  const harnessMemory = startHarnessMemoryProbe();
  const plannedLoadMs = totalDurationMs(scenario.load);
  const sinceStart = (): number => Date.now() - startedAt.getTime();
  const news = createRunNews(recorder, log, options.gate);
  /**
   * A file of the run that cannot be written stops the run: the harness must not inject SMS it cannot
   * record, nor the stub accept webhooks its ledger cannot keep. The rows stay buffered and are tried
   * again at teardown, once the reserve has made room. A full disk is exit 3; anything else, as it is.
   */
  function cannotRecord(writing: string, error: unknown): void {
    if (isDiskFull(error)) {
      stopOnFullDisk(writing, error);
      return;
    }
    failure ??= error;
    if (stopping.signal.aborted) return;
    recorder.error(
      sinceStart(),
      `${writing} not written, the run stops: ${error instanceof Error ? error.message : String(error)}`,
    );
    stopping.abort();
  }
  function stopOnFullDisk(writing: string | null, cause: unknown): void {
    diskFull ??= noteDiskFull(dir, { writing, cause, atMs: sinceStart(), stoppedRun: true });
    failure ??= diskFullError(dir, diskFull);
    if (stopping.signal.aborted) return;
    recorder.error(sinceStart(), `no space left in ${dir}, the run stops`);
    stopping.abort();
  }
  const noteNews = (): void => news.forward(chaos?.timeline ?? [], loadStartedAt - startedAt.getTime(), sinceStart());
  let checkpoints: Checkpoints | null = null;
  let dbSizes: DbSizeSampler | null = null;
  /** Everything summarizeRun needs, as recorded so far. */
  const recordSoFar = (running: boolean): Parameters<typeof summarizeRun>[0] => {
    // The trace reads the ledger file: rows still buffered in the stub must be on it first.
    stub?.ledger.flush();
    return {
      scenario,
      file: options.file,
      runId,
      startedAt,
      loadStartedAt,
      loadEndedAt,
      drainedAt,
      planned,
      log,
      ledgerPath: stub ? ledgerPath : null,
      stubStats: stub ? stub.stats() : {},
      redact: options.redact ?? false,
      defects: options.defects ?? [],
      deviceHealth: lastHealth,
      peakRssBytes,
      harnessRssPeaks: harnessPeaks.samples(),
      dashboard,
      timeline: chaos?.timeline ?? [],
      interrupted: options.signal?.aborted ?? false,
      failure,
      running,
      dbSizes: dbSizes?.samples() ?? [],
      series: { points: recorder.series(), events: recorder.timeline() },
      environment: {
        node: process.version,
        platform: `${os.platform()} ${os.arch()}`,
        cpus: os.cpus().length,
        device: device?.label ?? 'none',
      },
    };
  };

  /**
   * `device_rss` is the kernel's high-water mark of the device's processes, read by this machine: a
   * spike freed between two samples of the device's own figure is still in it.
   */
  const notePeakRss = async (of: Device): Promise<void> => {
    const peak = await of.peakRssBytes().catch(() => null);
    if (peak !== null) peakRssBytes = Math.max(peakRssBytes ?? 0, peak);
  };
  const sample = async (): Promise<void> => {
    if (!device || !stub) return;
    // Counts first, then the device's queue, then the stub: an SMS acknowledged by now is queued or
    // already accepted by the time those are read, so "lost so far" never counts one on its way.
    const counts = log.counts();
    let health: Polled<DeviceHealth>;
    try {
      lastHealth = await device.health();
      health = { kind: 'ok', value: lastHealth };
    } catch (error) {
      // A device that misses one sample shows as unreachable; the drain decides whether it matters.
      health = { kind: 'unreachable', error: error instanceof Error ? error.message : String(error) };
    }
    await notePeakRss(device);
    noteNews();
    // A disk the device filled up shows here first: it answers KO or hangs, and the harness may have nothing to write for a while.
    const { free } = spaceOf(dir);
    if (free !== null && free < runDefaults.diskFullBelowBytes) stopOnFullDisk(null, null);
    const loadMs =
      phase === 'starting' ? 0 : (loadEndedAt ?? Date.now()) - loadStartedAt - (options.gate?.pausedMs() ?? 0);
    const harnessRssBytes = process.memoryUsage.rss();
    harnessPeaks.add(sinceStart(), harnessRssBytes);
    const snapshot = recorder.sample({
      atMs: sinceStart(),
      harness: { rssBytes: harnessRssBytes, retainedHeapBytes: harnessMemory.retainedHeapBytes() },
      phase,
      health,
      stub: { kind: 'ok', value: stub.stats() },
      load: {
        planned,
        attempted: log.attempted,
        injected: counts.acknowledged,
        refused: counts.refused,
        inDoubt: counts.inDoubt,
        clock: { plannedMs: plannedLoadMs, elapsedMs: Math.max(0, loadMs), paused: options.gate?.paused ?? false },
      },
    });
    options.onProgress?.(snapshot);
  };
  let sampling = false;
  const tick = (): void => {
    // A slow health answer must not stack samples up behind it.
    if (sampling) return;
    sampling = true;
    void sample().finally(() => (sampling = false));
  };

  try {
    stub = await startStub(
      {
        port: 0,
        faults: scenario.server.faults,
        secret: scenario.server.secret,
        ledgerPath,
        seed: deriveSeed(scenario.seed, 'faults'),
      },
      { onLedgerError: (error) => cannotRecord('ledger.sqlite', error) },
    );
    // Device seam (src/device/create-device.ts): virtual, emulator or remote; exit 3 when unavailable.
    const created = await createDevice(scenario.device, {
      stub,
      secret: scenario.server.secret,
      dir,
      defects: options.defects ?? [],
      seed: scenario.seed,
      ...(options.appiumUrl ? { appiumUrl: options.appiumUrl } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    device = created.device;
    device.onLost?.((reason) => {
      if (stopping.signal.aborted) return;
      failure ??= new SmsgwError(
        'device-unavailable',
        `The device ${created.device.label} stopped ${formatDuration(Math.round(sinceStart() / 1000) * 1000)} into the run, unasked: ${reason}. The run stops here; the report covers what happened before.`,
      );
      stopping.abort();
    });
    client = await DeviceConsole.open(device.consolePort, created.openConsole);
    sampler = setInterval(tick, runDefaults.sampleIntervalMs);
    dbSizes = startDbSizeSampler([join(dir, 'device.sqlite'), join(dir, 'device.sqlite-wal')], sinceStart);
    const checkpoint = async (): Promise<void> => {
      const tracedAtMs = sinceStart();
      const { report } = summarizeRun(recordSoFar(true));
      // The live view's duplicates come from this trace, the verdict's own logic, never from counters.
      recorder.noteTrace({ atMs: tracedAtMs, duplicates: report.counts.duplicates, lost: report.counts.lost });
      await writeReport(dir, report);
    };

    phase = 'load';
    stub.startFaultClock();
    loadStartedAt = Date.now();
    chaos = startChaos(scenario.chaos, scenario.load, device, client);
    stopping.signal.addEventListener('abort', () => chaos?.cancel(), { once: true });
    // The first checkpoint is written as the load starts, before its first SMS: a run killed at any
    // moment of its load leaves a report, not only one killed after the first interval.
    checkpoints = startCheckpoints(options.checkpointEveryMs ?? runDefaults.checkpointEveryMs, checkpoint, {
      onError: (error) => {
        if (isDiskFull(error)) cannotRecord('a checkpoint report', error);
        else
          recorder.error(
            sinceStart(),
            `checkpoint report not written: ${error instanceof Error ? error.message : String(error)}`,
          );
      },
      dutyFactor: runDefaults.checkpointDutyFactor,
    });
    await checkpoints.first;
    await inject(client, planFor(scenario), log, {
      signal: stopping.signal,
      ...(options.gate ? { gate: options.gate } : {}),
    });
    loadEndedAt = Date.now();
    // The drain starts once every chaos step has run to its end (network back, device restarted).
    await chaos.done;

    if (!stopping.signal.aborted) {
      phase = 'drain';
      drainedAt = await waitForDrain(device, drainTimeoutMs(scenario), stopping.signal);
      // An emulator or phone has no /health to judge its screen against (healthUrl null): no verdict from here.
      if (options.measureDashboard && device.healthUrl)
        dashboard = await options.measureDashboard({ healthUrl: device.healthUrl, stubStats: stub.stats() });
    }
    await sample();
  } catch (error) {
    // A disk that filled up is what stopped the run, whatever failed on the way because of it.
    // A device that could not start for the disk said so on stderr, which its error carries.
    if (isDiskFull(error)) cannotRecord(error instanceof SmsgwError ? 'device.sqlite' : "the run's files", error);
    else if (!diskFull) failure = error;
  } finally {
    phase = 'teardown';
    harnessMemory.stop();
    chaos?.cancel();
    clearInterval(sampler);
    dbSizes?.stop();
    await checkpoints?.stop();
    await client?.close().catch(() => undefined);
    await device?.stop().catch(() => undefined);
    // After stop: the device keeps the peak of a process it read on its way down.
    if (device) await notePeakRss(device);
    // Nothing else writes now: the room held back takes what is still buffered and the report.
    await reserve.release().catch(() => undefined);
  }

  let report: RunReport | null = null;
  let unwritten: UnwrittenRunFile[];
  try {
    noteNews(); // chaos steps of the last second
    report = summarizeRun(recordSoFar(false)).report;
    unwritten = await writeRunFiles(
      dir,
      report,
      tracedMessages(log, stub ? ledgerPath : null),
      createRedactor(options.redact ?? false),
    );
  } catch (error) {
    // The summary's trace reads the databases: on a full disk it may fail to, and then no report is written.
    if (!isDiskFull(error)) throw error;
    diskFull ??= noteDiskFull(dir, { writing: 'the report', cause: error, atMs: sinceStart(), stoppedRun: false });
    unwritten = [{ name: 'report.json', bytes: null, error }];
  } finally {
    await stub?.close().catch(() => undefined);
    log.close();
    if (options.redact) await removeRawData(dir);
  }
  const fullAtTheEnd = unwritten.find((file) => isDiskFull(file.error));
  if (fullAtTheEnd)
    diskFull ??= noteDiskFull(dir, {
      writing: fullAtTheEnd.name,
      cause: fullAtTheEnd.error,
      atMs: sinceStart(),
      stoppedRun: false,
    });
  if (diskFull) {
    const rows = log.unwritten();
    const notWritten = [
      ...unwritten.map(({ name, bytes }) => ({ name, bytes })),
      ...(rows > 0 ? [{ name: `${rows} rows of injections.sqlite`, bytes: null }] : []),
    ];
    throw diskFullError(dir, diskFull, { kept: await keptFiles(dir, unwritten), notWritten });
  }
  if (unwritten[0]) throw unwritten[0].error;
  // Acknowledged SMS the log could not keep are never dropped without a word, whatever the reason.
  if (log.unwritten() > 0)
    throw new Error(`${log.unwritten()} rows of injections.sqlite could not be written`, { cause: failure });
  // Set: only a full disk leaves it null, and that threw above.
  const final = report!;
  if (failure && final.status === 'error') throw failure;
  return { report: final, dir };
}

/** The files a run leaves in `dir` for a person to read, each once (no temp, WAL or shared-memory files). */
async function keptFiles(dir: string, unwritten: readonly UnwrittenRunFile[]): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const notFinal = new Set(unwritten.map((file) => file.name));
  return names
    .filter((name) => !/(\.tmp|-wal|-shm|-journal)$/.test(name) && name !== runDefaults.diskReserveFile)
    .sort()
    .map((name) => (notFinal.has(name) ? `${name} (an earlier checkpoint's)` : name));
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
