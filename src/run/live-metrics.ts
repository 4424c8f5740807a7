// `--metrics-port`: the run's figures go to the Prometheus exporter on every sample, and the report's
// final figures once it is written. Only the harness's instruments feed it: the injection log, the
// stub's stats and ledger (through the verdicts' own trace), the kernel's memory figures; the device's
// word only for its queue, which nothing else can tell.
import type { Device } from '../device/core/device';
import type { InjectionCounts } from '../injection/injection-store';
import type { StubServer, StubStats } from '../stub/index';
import { traceRun } from '../judge/trace';
import {
  latencyHistogram,
  type DeviceFigures,
  type RunFigures,
  type RunIdentity,
  type TracedFigures,
} from '../metrics/run-exposition';
import type { RunReport } from '../report/run-report';
import { runDefaults } from './defaults';
import type { RunContext } from './run-context';
import type { Started } from './start-run';

/** The `shard` label: `k/n` of a sharded run (`--shard`), `1/1` for a whole one. */
export function shardOf({ options: { shard } }: RunContext): string {
  return shard ? `${shard.index}/${shard.count}` : '1/1';
}

const identityOf = (run: RunContext): RunIdentity => ({
  scenario: run.scenario.name,
  runId: run.runId,
  shard: shardOf(run),
});

/** The `device` label: the deviceId every webhook carries, where the device has one, else its label. */
export function deviceNameOf(device: Device): string {
  const id = (device as { readonly deviceId?: unknown }).deviceId;
  return typeof id === 'string' && id !== '' ? id : device.label;
}

/** The run has opened: its labels and phase are there to scrape before any device is up. */
export function showRunOpened(run: RunContext): void {
  run.options.liveMetrics?.show({
    identity: identityOf(run),
    phase: run.soFar.phase,
    judged: false,
    devices: [],
    server: null,
    harnessRssBytes: process.memoryUsage.rss(),
  });
}

export interface LiveFeed {
  /** One sample's facts, read in the sampler's order (the injection counts before the stub's stats). */
  sampled(facts: { readonly counts: InjectionCounts; readonly stubStats: StubStats }): Promise<void>;
}

/**
 * The trace sorts every SMS of the run so far on the harness's thread, so one that took T waits T ×
 * the duty factor before the next: a small run is traced on every sample, a long soak every few
 * minutes, and its traced figures say when (`smsgw_last_trace_timestamp_seconds`).
 */
function throttledTrace(run: RunContext, stub: StubServer): () => TracedFigures | null {
  let notBefore = 0;
  let last: TracedFigures | null = null;
  return () => {
    const startedAt = performance.now();
    if (startedAt < notBefore) return last;
    try {
      // The trace reads the ledger file: rows the stub still buffers must be on it first.
      stub.ledger.flush();
      const trace = traceRun(run.log, run.ledgerPath);
      last = {
        atMs: Date.now(),
        // As the report counts them: in-doubt and unanswered SMS the server accepted were delivered too.
        delivered: trace.delivered + trace.unansweredDelivered + trace.inDoubtDelivered,
        duplicates: trace.duplicates,
        undelivered: trace.lost,
        latency: latencyHistogram(trace.latenciesMs),
      };
    } catch (error) {
      // A trace that cannot be read this time leaves the last one shown; the checkpoints say why.
      run.recorder.error(
        run.sinceStart(),
        `live metrics not traced: ${error instanceof Error ? error.message : error}`,
      );
    }
    notBefore = startedAt + (performance.now() - startedAt) * runDefaults.liveMetricsTraceDutyFactor;
    return last;
  };
}

/** Feeds the exporter on every sample; does nothing without `--metrics-port`. */
export function startLiveFeed(run: RunContext, { stub, device }: Started): LiveFeed {
  const exporter = run.options.liveMetrics;
  if (exporter === undefined) return { sampled: async () => undefined };
  const trace = throttledTrace(run, stub);
  return {
    async sampled({ counts, stubStats }) {
      const traced = trace();
      const residentBytes = (await device.residentBytes?.().catch(() => null)) ?? {};
      const engine = run.soFar.deviceHealth?.engine ?? null;
      const figures: DeviceFigures = {
        device: deviceNameOf(device),
        injected: counts.attempted,
        acknowledged: counts.acknowledged,
        refused: counts.refused,
        unanswered: counts.unanswered,
        queueDepth: engine?.queueSize ?? null,
        retrying: engine?.retrying ?? null,
        residentBytes,
        peakRssBytes: run.soFar.peakRssBytes,
        traced,
        lost: null,
      };
      exporter.show({
        identity: identityOf(run),
        phase: run.soFar.phase,
        judged: false,
        devices: [figures],
        server: {
          accepted: stubStats.accepted,
          requests: stubStats.requests,
          redeliveries: stubStats.redeliveries,
          faults: stubStats.faults,
        },
        harnessRssBytes: process.memoryUsage.rss(),
      });
    },
  };
}

/** The device's figures with the report's final counts and latencies over the last sampled ones. */
function judgedDevice(device: DeviceFigures, report: RunReport, latenciesMs: Iterable<number>): DeviceFigures {
  const { counts } = report;
  return {
    ...device,
    acknowledged: counts.injected,
    refused: counts.refused,
    unanswered: counts.unanswered ?? device.unanswered,
    traced: {
      atMs: Date.parse(report.finishedAt),
      delivered: counts.delivered,
      duplicates: counts.duplicates,
      undelivered: counts.lost,
      latency: latencyHistogram(latenciesMs),
    },
    lost: counts.lost,
  };
}

/** The stub's final counts as the report has them (its stats when it was summarized), over the last sampled ones. */
function judgedServer(shown: RunFigures['server'], stub: RunReport['stub']): RunFigures['server'] {
  const count = (key: string, sampled: number): number => {
    const value = stub[key];
    return typeof value === 'number' ? value : sampled;
  };
  if (shown === null) return null;
  const faults = stub['faults'];
  return {
    accepted: count('accepted', shown.accepted),
    requests: count('requests', shown.requests),
    redeliveries: count('redeliveries', shown.redeliveries),
    faults: typeof faults === 'object' && faults !== null ? (faults as Record<string, number>) : shown.faults,
  };
}

/**
 * The report is written: the exporter shows its figures from now on (`smsgw_run_judged` 1), so the
 * last scrape of a run equals its report.json. A run with no report (a full disk) shows no final figures.
 */
export function showJudged(run: RunContext, report: RunReport | null, latenciesMs: Iterable<number>): void {
  const exporter = run.options.liveMetrics;
  const shown = exporter?.current();
  if (exporter === undefined || report === null || !shown) return;
  const judged: RunFigures = {
    ...shown,
    phase: 'done',
    judged: true,
    devices: shown.devices.map((device) => judgedDevice(device, report, latenciesMs)),
    server: judgedServer(shown.server, report.stub),
    harnessRssBytes: process.memoryUsage.rss(),
  };
  exporter.show(judged);
}
