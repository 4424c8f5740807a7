// From what a run recorded to the report: trace every SMS, measure, judge.
import type { Scenario } from '../scenario/index';
import { percentile } from '../metrics/percentile';
import { latencyHistogram } from '../metrics/histogram';
import type { MetricsPoint, TimelineEntry } from '../metrics/metrics-snapshot';
import type { RunReport, RunStatus } from '../report/run-report';
import { runPassed } from '../report/run-report';
import type { DeviceHealth } from '../device/device';
import { formatError } from '../errors';
import type { InjectionLog } from './injector';
import { traceDeliveries, type Acceptance, type TracedMessage } from './trace';
import { evaluateVerdicts } from './verdicts';
import type { TimelineEvent } from './chaos';
import { growthPerHour, type SizeSample } from '../metrics/growth-slope';

export interface RunRecord {
  readonly scenario: Scenario;
  readonly file: string;
  readonly runId: string;
  readonly startedAt: Date;
  readonly loadStartedAt: number;
  readonly loadEndedAt: number | null;
  readonly drainedAt: number | null;
  readonly planned: number;
  readonly log: InjectionLog;
  readonly accepted: Iterable<Acceptance>;
  readonly stubStats: object;
  readonly deviceHealth: DeviceHealth | null;
  readonly peakRssBytes: number | null;
  /** The Health screen against /health and the stub (`--metrics appium`); null when not scraped. */
  readonly dashboard?: { readonly matches: boolean; readonly mismatches: readonly string[] } | null;
  readonly timeline: readonly TimelineEvent[];
  readonly interrupted: boolean;
  readonly failure: unknown;
  readonly environment: Record<string, string | number>;
  /** A checkpoint while the run goes on (report status `running`), not its end. */
  readonly running?: boolean;
  /** Sizes of the device's database files over the run, for `db_growth`. */
  readonly dbSizes?: readonly SizeSample[];
  /** The sampled time series and timeline, when the run got far enough to sample. */
  readonly series?: { readonly points: readonly MetricsPoint[]; readonly events: readonly TimelineEntry[] };
}

export interface RunSummary {
  readonly report: RunReport;
  readonly messages: readonly TracedMessage[];
}

const LOST_SAMPLES = 100;

const rssSamples = (points: readonly MetricsPoint[]): SizeSample[] =>
  points.flatMap((point) => (point.rssBytes === null ? [] : [{ atMs: point.atMs, bytes: point.rssBytes }]));

/** Growth is judged under load only: memory falling back while the queue drains would hide a leak. */
function duringLoad(samples: readonly SizeSample[], record: RunRecord): SizeSample[] {
  const from = record.loadStartedAt - record.startedAt.getTime();
  const to = record.loadEndedAt === null ? Number.POSITIVE_INFINITY : record.loadEndedAt - record.startedAt.getTime();
  return samples.filter((sample) => sample.atMs >= from && sample.atMs <= to);
}

export function summarizeRun(record: RunRecord): RunSummary {
  const { scenario, log } = record;
  const trace = traceDeliveries(log.injections, record.accepted, log.inDoubt);
  const injected = log.injections.length;
  const drainedWithinMs = record.drainedAt !== null && record.loadEndedAt !== null ? record.drainedAt - record.loadEndedAt : null;
  // `--metrics appium` adds the verdict even when the scenario does not name it (issue 4).
  const expectations = record.dashboard && scenario.expect.dashboard_matches_server === undefined ? { ...scenario.expect, dashboard_matches_server: true } : scenario.expect;
  const verdicts = evaluateVerdicts(expectations, {
    injected,
    delivered: trace.delivered,
    lost: trace.lost,
    duplicates: trace.duplicates,
    successRate: injected === 0 ? null : trace.delivered / injected,
    p95LatencyMs: percentile(trace.latenciesMs, 95),
    deviceRssBytes: record.peakRssBytes,
    drainedWithinMs,
    dashboardMatchesServer: record.dashboard?.matches ?? null,
    dashboardMismatches: record.dashboard?.mismatches ?? [],
    rssGrowthBytesPerHour: growthPerHour(duringLoad(rssSamples(record.series?.points ?? []), record)),
    dbGrowthBytesPerHour: growthPerHour(duringLoad(record.dbSizes ?? [], record)),
  });
  const status: RunStatus = record.running ? 'running' : record.interrupted ? 'interrupted' : record.failure ? 'error' : runPassed(verdicts) ? 'passed' : 'failed';
  const finishedAt = new Date();
  const report: RunReport = {
    schemaVersion: 1,
    runId: record.runId,
    status,
    scenario: { name: scenario.name, description: scenario.description, file: record.file },
    startedAt: record.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - record.startedAt.getTime(),
    phases: { loadMs: (record.loadEndedAt ?? finishedAt.getTime()) - record.loadStartedAt, drainMs: drainedWithinMs },
    counts: {
      planned: record.planned,
      injected,
      refused: log.refused.length,
      inDoubt: log.inDoubt.length,
      inDoubtDelivered: trace.inDoubtDelivered,
      delivered: trace.delivered,
      lost: trace.lost,
      duplicates: trace.duplicates,
      redeliveries: trace.redeliveries,
    },
    latency: {
      p50Ms: percentile(trace.latenciesMs, 50),
      p95Ms: percentile(trace.latenciesMs, 95),
      p99Ms: percentile(trace.latenciesMs, 99),
      maxMs: percentile(trace.latenciesMs, 100),
    },
    verdicts,
    timeline: record.timeline,
    lostSamples: trace.messages
      .filter((message) => message.acceptance === null)
      .slice(0, LOST_SAMPLES)
      .map(({ injection }) => ({ index: injection.index, sender: injection.sender, text: injection.text })),
    stub: { ...record.stubStats },
    device: record.deviceHealth ? { ...record.deviceHealth } : {},
    environment: record.environment,
    series: {
      points: record.series?.points ?? [],
      events: record.series?.events ?? [],
      latencyHistogram: latencyHistogram(trace.latenciesMs),
      loadStartMs: record.loadStartedAt - record.startedAt.getTime(),
    },
    ...(record.failure ? { error: formatError(record.failure) } : record.interrupted ? { error: 'interrupted' } : {}),
  };
  return { report, messages: trace.messages };
}
