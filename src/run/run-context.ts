// What every phase of a run reads: the fixed facts of the run, the services it records through, and
// what it has started and measured so far (the sampler, the checkpoints and the report read that).
import os from 'node:os';
import type { Scenario } from '../scenario/index';
import type { StubServer } from '../stub/index';
import type { Device, DeviceHealth } from '../device/core/device';
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import type { HarnessMemoryProbe } from '../metrics/harness-memory';
import { createPeakBuckets, type PeakBuckets } from '../metrics/peak-buckets';
import type { DbSizeSampler } from '../metrics/db-size-sampler';
import type { InjectionStore } from '../injection/injection-store';
import type { ChaosRun } from '../chaos/chaos';
import type { RunRecord } from '../report/summarize-run';
import type { RunAbort } from '../judge/abort-verdicts';
import type { Phase } from './progress';
import type { FleetDevice } from './fleet-device';
import type { RunNews } from './run-news';
import type { RunTrouble } from './run-trouble';
import type { Teardowns } from '../teardowns';
import type { HealthScreenCheck, RunOptions } from './run-options';

/** What the run has started and measured so far, filled in as it goes. */
export interface RunSoFar {
  phase: Phase;
  /** Ms since the epoch; the run's setup until the load starts. */
  loadStartedAt: number;
  loadEndedAt: number | null;
  /** When the device had nothing left to deliver; null until then, and when it never drained. */
  drainedAt: number | null;
  /** The device's latest answer to a health poll. */
  deviceHealth: DeviceHealth | null;
  peakRssBytes: number | null;
  /** The harness's RSS, the highest per slice of time. */
  readonly harnessPeaks: PeakBuckets;
  healthScreen: HealthScreenCheck | null;
  stub: StubServer | null;
  device: Device | null;
  /** A fleet's devices (`devices:` of 2 or more), also `device` as one; null for a run of one device. */
  fleet: FleetDevice | null;
  chaos: ChaosRun | null;
  dbSizes: DbSizeSampler | null;
  /** The verdict that stopped the run mid-run (`abort_on_fail`); null while none has. */
  aborted: RunAbort | null;
}

export const nothingYet = (): RunSoFar => ({
  phase: 'starting',
  loadStartedAt: Date.now(),
  loadEndedAt: null,
  drainedAt: null,
  deviceHealth: null,
  peakRssBytes: null,
  harnessPeaks: createPeakBuckets(),
  healthScreen: null,
  stub: null,
  device: null,
  fleet: null,
  chaos: null,
  dbSizes: null,
  aborted: null,
});

export interface RunContext {
  readonly scenario: Scenario;
  readonly options: RunOptions;
  readonly runId: string;
  readonly startedAt: Date;
  /** The run's folder: its databases and its reports. */
  readonly dir: string;
  readonly ledgerPath: string;
  /** SMS the load schedule plans. */
  readonly planned: number;
  /** How long the load schedule runs, ms. */
  readonly plannedLoadMs: number;
  readonly log: InjectionStore;
  /** Stops the load and the drain: Ctrl-C (`options.signal`), a device lost mid-run, a file that cannot be written. */
  readonly stopping: AbortController;
  readonly recorder: MetricsRecorder;
  readonly trouble: RunTrouble;
  readonly harnessMemory: HarnessMemoryProbe;
  readonly news: RunNews;
  /** What drives the run (timers, chaos, the console line, the device, the disk reserve): torn down before the report. */
  readonly machinery: Teardowns;
  /** What the report reads (the stub and its ledger, the injection log): closed once it is written. */
  readonly evidence: Teardowns;
  readonly soFar: RunSoFar;
  /** Ms since the run started. */
  readonly sinceStart: () => number;
}

/** Moves chaos steps, refusals and pauses since the last call onto the recorder's timeline. */
export function noteNews(run: RunContext): void {
  const loadOffsetMs = run.soFar.loadStartedAt - run.startedAt.getTime();
  run.news.forward(run.soFar.chaos?.timeline ?? [], loadOffsetMs, run.sinceStart());
}

/**
 * `device_rss` is the kernel's high-water mark of the device's processes, read by this machine: a
 * spike freed between two samples of the device's own figure is still in it.
 */
export async function notePeakRss(soFar: RunSoFar, device: Device): Promise<void> {
  const peak = await device.peakRssBytes().catch(() => null);
  if (peak !== null) soFar.peakRssBytes = Math.max(soFar.peakRssBytes ?? 0, peak);
}

const environmentOf = (device: Device | null): RunRecord['environment'] => ({
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  device: device?.label ?? 'none',
});

/** Everything summarizeRun needs, as recorded so far; `running` for a checkpoint. */
export function recordSoFar(run: RunContext, running: boolean): RunRecord {
  const { soFar, options, recorder } = run;
  // The trace reads the ledger file: rows still buffered in the stub must be on it first.
  soFar.stub?.ledger.flush();
  return {
    scenario: run.scenario,
    file: options.file,
    runId: run.runId,
    startedAt: run.startedAt,
    loadStartedAt: soFar.loadStartedAt,
    loadEndedAt: soFar.loadEndedAt,
    drainedAt: soFar.drainedAt,
    planned: run.planned,
    log: run.log,
    ledgerPath: soFar.stub ? run.ledgerPath : null,
    stubStats: soFar.stub ? soFar.stub.stats() : {},
    redact: options.redact ?? false,
    // Planted in one device of a fleet alone: the report says which.
    defects: (options.defects ?? []).map((defect) =>
      options.defectsOnDevice === undefined ? defect : `${defect} on device ${options.defectsOnDevice}`,
    ),
    deviceHealth: soFar.deviceHealth,
    peakRssBytes: soFar.peakRssBytes,
    harnessRssPeaks: soFar.harnessPeaks.samples(),
    healthScreen: soFar.healthScreen,
    timeline: soFar.chaos?.timeline ?? [],
    interrupted: options.signal?.aborted ?? false,
    failure: run.trouble.failure,
    running,
    dbSizes: soFar.dbSizes?.samples() ?? [],
    aborted: soFar.aborted,
    shard: options.shard,
    fleet: soFar.fleet?.records(),
    series: { points: recorder.series(), events: recorder.timeline() },
    environment: environmentOf(soFar.device),
  };
}
