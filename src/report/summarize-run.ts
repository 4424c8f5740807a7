// From what a run recorded to the report: trace every SMS, measure, judge.
import type { Expectations, Scenario } from '../scenario/index';
import { latencyHistogram } from '../metrics/histogram';
import type { MetricsPoint, TimelineEntry } from '../metrics/metrics-snapshot';
import type { RunCounts, RunReport, RunStatus } from './run-report';
import { runPassed } from './run-report';
import type { DeviceHealth } from '../device/core/device';
import { formatError } from '../errors';
import { VERSION } from '../version';
import type { InjectionCounts, InjectionStore } from '../injection/injection-store';
import { traceRun, type CorruptedText, type TraceResult } from '../judge/trace';
import { createRedactor, type Redactor } from './redact';
import type { StubStats } from '../stub/index';
import { evaluateVerdicts, type RunMeasurements, type Verdict } from '../judge/verdicts';
import { abortLine, withAbort, type RunAbort } from '../judge/abort-verdicts';
import type { TimelineEvent } from '../chaos/chaos';
import { growthPerHour, type SizeSample } from '../metrics/growth-slope';
import { summarizeDevices, type FleetMemberRecord } from './summarize-devices';
import { deviceSaysOf, latencyMeasurements, latencyOf, sentAndDelivered } from './measurements';

export interface RunRecord {
  readonly scenario: Scenario;
  readonly file: string;
  readonly runId: string;
  readonly startedAt: Date;
  readonly loadStartedAt: number;
  readonly loadEndedAt: number | null;
  readonly drainedAt: number | null;
  readonly planned: number;
  readonly log: InjectionStore;
  /** The stub's ledger file, flushed; null when the stub never started. */
  readonly ledgerPath: string | null;
  readonly stubStats: Partial<StubStats>;
  /** Masks phone numbers and hashes texts in what the report shows (`--redact`). */
  readonly redact?: boolean;
  /** `--defect` as given, for the report. */
  readonly defects?: readonly string[];
  readonly deviceHealth: DeviceHealth | null;
  readonly peakRssBytes: number | null;
  /** The harness's RSS, the highest per slice of time (peak-buckets.ts): the series thins its old points, and their peaks with them. */
  readonly harnessRssPeaks?: readonly SizeSample[];
  /** The Health screen against /health and the stub (`--metrics appium`); null when not scraped. */
  readonly healthScreen?: { readonly matches: boolean; readonly mismatches: readonly string[] } | null;
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
  /** The verdict that stopped the run mid-run (`abort_on_fail`), and when; absent when none did. */
  readonly aborted?: RunAbort | null;
  /** `--shard k/n`: the slice of the load this run sent; absent for the whole load. */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** A fleet's devices (`devices:` of 2 or more), each judged on its own as well; absent for one device. */
  readonly fleet?: readonly FleetMemberRecord[] | undefined;
}

export interface RunSummary {
  readonly report: RunReport;
  /** Injection → first 2xx of every delivered SMS, ms, ascending: `--metrics-port`'s final latency histogram. */
  readonly latenciesMs: Float64Array;
}

const quoted = (text: string): string => JSON.stringify(text);

/** One corrupted text for the `content_intact` detail: who sent it, what was sent, what the server got. */
export function describeCorruption(sample: CorruptedText, redactor: Redactor): string {
  const accepted = redactor.enabled ? redactor.text(sample.accepted) : quoted(sample.accepted);
  const sender = sample.sender === null ? 'no sender' : redactor.phone(sample.sender);
  if (sample.injected === null) return `${sender}: the server got ${accepted}, which was never sent`;
  const injected = redactor.enabled ? redactor.text(sample.injected) : quoted(sample.injected);
  return `${sender}: sent ${injected}, the server got ${accepted}`;
}

const rssSamples = (points: readonly MetricsPoint[]): SizeSample[] =>
  points.flatMap((point) => (point.rssBytes === null ? [] : [{ atMs: point.atMs, bytes: point.rssBytes }]));
const harnessSamples = (
  points: readonly MetricsPoint[],
  of: 'harnessRssBytes' | 'harnessRetainedHeapBytes',
): SizeSample[] =>
  points.flatMap((point) => {
    const bytes = point[of];
    return bytes === undefined || bytes === null ? [] : [{ atMs: point.atMs, bytes }];
  });

const peakOf = (samples: readonly SizeSample[]): number | null =>
  samples.length === 0 ? null : Math.max(...samples.map((sample) => sample.bytes));

/** The harness's memory under load (report.json `harness`). */
function harnessMemory(points: readonly MetricsPoint[], record: RunRecord): NonNullable<RunReport['harness']> {
  const rss = duringLoad(harnessSamples(points, 'harnessRssBytes'), record);
  const retained = duringLoad(harnessSamples(points, 'harnessRetainedHeapBytes'), record);
  // Peaks from the per-slice maxima when the run kept them; the slope from the series.
  const allPeaks = record.harnessRssPeaks ?? harnessSamples(points, 'harnessRssBytes');
  const peaks = duringLoad(allPeaks, record);
  const third = peaks.length === 0 ? 0 : (peaks[peaks.length - 1]!.atMs - peaks[0]!.atMs) / 3;
  return {
    peakRssBytes: peakOf(allPeaks),
    rssGrowthBytesPerHour: growthPerHour(rss),
    rssPeakFirstThirdBytes: peakOf(peaks.filter((sample) => sample.atMs <= peaks[0]!.atMs + third)),
    rssPeakLastThirdBytes: peakOf(peaks.filter((sample) => sample.atMs >= peaks[peaks.length - 1]!.atMs - third)),
    retainedHeapGrowthBytesPerHour: growthPerHour(retained),
    retainedHeapLastBytes: retained.at(-1)?.bytes ?? null,
  };
}

/** Growth is judged under load only: memory falling back while the queue drains would hide a leak. */
function duringLoad(samples: readonly SizeSample[], record: RunRecord): SizeSample[] {
  const from = record.loadStartedAt - record.startedAt.getTime();
  const to = record.loadEndedAt === null ? Number.POSITIVE_INFINITY : record.loadEndedAt - record.startedAt.getTime();
  return samples.filter((sample) => sample.atMs >= from && sample.atMs <= to);
}

/** Why a run did not reach its verdicts whole (a checkpoint, Ctrl-C, an environment fault); null when it did. */
function cutShort(record: RunRecord): string | null {
  if (record.running) return 'the run was still going when this report was written';
  if (record.interrupted) return 'the run was interrupted';
  if (record.failure) return 'the run stopped on an error';
  if (record.aborted) return `the run was aborted by \`${record.aborted.verdict.name}\``;
  return null;
}

/** What the trace and the injection log say of every SMS, and the sums the verdicts and the report share. */
interface Tally {
  readonly trace: TraceResult;
  readonly counts: InjectionCounts;
  /**
   * The SMS that reached the device, whatever it answered: an in-doubt SMS only when it was delivered,
   * since one the ordered kill cut before the device stored it never reached it, and that is fine.
   */
  readonly sent: number;
  /** An in-doubt or unanswered SMS the server accepted once was delivered all the same. */
  readonly delivered: number;
  readonly drainedWithinMs: number | null;
}

function tally(record: RunRecord): Tally {
  const trace = traceRun(record.log, record.ledgerPath, { perDevice: (record.fleet?.length ?? 1) > 1 });
  const counts = record.log.counts();
  return {
    trace,
    counts,
    ...sentAndDelivered(counts, trace),
    drainedWithinMs:
      record.drainedAt !== null && record.loadEndedAt !== null ? record.drainedAt - record.loadEndedAt : null,
  };
}

/** Whether the stub served HTTPS with a certificate nobody trusts (`{ tls: self-signed }`). */
const servedUntrustedTls = (scenario: Scenario): boolean =>
  scenario.server.faults.some((fault) => fault.kind === 'tls');

/**
 * `--metrics appium` adds the `dashboard_matches_server` verdict even when the scenario does not name
 * it; a `tls: self-signed` fault adds `tls_refused`, which has nothing to judge without one.
 */
function expectationsOf(record: RunRecord): Expectations {
  const { expect } = record.scenario;
  const withScreen =
    record.healthScreen && expect.dashboard_matches_server === undefined
      ? { ...expect, dashboard_matches_server: true }
      : expect;
  return servedUntrustedTls(record.scenario) && withScreen.tls_refused === undefined
    ? { ...withScreen, tls_refused: true }
    : withScreen;
}

/** The stub's record of its TLS fault: webhooks accepted over the untrusted certificate, handshakes refused. */
function tlsRecordOf(record: RunRecord): RunMeasurements['tls'] {
  if (!servedUntrustedTls(record.scenario)) return null;
  return { accepted: record.stubStats.accepted ?? 0, refusedHandshakes: record.stubStats.tlsRefusals ?? 0 };
}

/**
 * The SMS the app gave up on, by its own count at the end of the run (the last health read): only the
 * device knows why it stopped trying. Null when it never answered a health read.
 */
const gaveUpOf = (record: RunRecord): number | null => record.deviceHealth?.engine.gaveUp ?? null;

function measure(record: RunRecord, tallied: Tally, redactor: Redactor): RunMeasurements {
  const { trace, counts, sent, delivered, drainedWithinMs } = tallied;
  const { badSignatures = 0, staleSignatures = 0, replays = 0 } = record.stubStats;
  return {
    injected: counts.acknowledged,
    sent,
    delivered,
    lost: trace.lost,
    duplicates: trace.duplicates,
    refused: counts.refused,
    unanswered: { count: counts.unanswered, neverDelivered: trace.unansweredLost },
    gaveUp: gaveUpOf(record),
    successRate: sent === 0 ? null : delivered / sent,
    ...latencyMeasurements(trace.latenciesMs),
    deviceRssBytes: record.peakRssBytes,
    drainedWithinMs,
    dashboardMatchesServer: record.healthScreen?.matches ?? null,
    dashboardMismatches: record.healthScreen?.mismatches ?? [],
    rssGrowthBytesPerHour: growthPerHour(duringLoad(rssSamples(record.series?.points ?? []), record)),
    dbGrowthBytesPerHour: growthPerHour(duringLoad(record.dbSizes ?? [], record)),
    corrupted: {
      count: trace.corrupted,
      samples: trace.corruptedSamples.map((sample) => describeCorruption(sample, redactor)),
    },
    signatures:
      record.scenario.server.secret === null ? null : { bad: badSignatures, stale: staleSignatures, replayed: replays },
    tls: tlsRecordOf(record),
    deviceSays: deviceSaysOf(record.deviceHealth),
  };
}

function statusOf(record: RunRecord, verdicts: readonly Verdict[]): RunStatus {
  if (record.running) return 'running';
  if (record.interrupted) return 'interrupted';
  if (record.failure) return 'error';
  return runPassed(verdicts) ? 'passed' : 'failed';
}

function countsOf(record: RunRecord, { trace, counts, sent }: Tally): RunCounts {
  return {
    planned: record.planned,
    sent,
    injected: counts.acknowledged,
    refused: counts.refused,
    unanswered: counts.unanswered,
    unansweredDelivered: trace.unansweredDelivered,
    inDoubt: counts.inDoubt,
    inDoubtDelivered: trace.inDoubtDelivered,
    delivered: trace.delivered,
    repeats: trace.repeats,
    lost: trace.lost,
    gaveUp: gaveUpOf(record),
    duplicates: trace.duplicates,
    redeliveries: trace.redeliveries,
    corrupted: trace.corrupted,
  };
}

/** Every time the harness measures is on its own wall clock, whatever clock the device runs on. */
const harnessClock = 'harness wall clock';

const errorOf = (record: RunRecord): Pick<RunReport, 'error'> =>
  record.failure
    ? { error: formatError(record.failure) }
    : record.interrupted
      ? { error: 'interrupted' }
      : record.aborted
        ? { error: abortLine(record.aborted) }
        : {};

/** report.json's `aborted`: which verdict stopped the run, and when. */
const abortedOf = ({ aborted }: RunRecord): Pick<RunReport, 'aborted'> =>
  aborted
    ? {
        aborted: {
          verdict: aborted.verdict.name,
          atMs: aborted.atMs,
          loadMs: aborted.loadMs,
          plannedLoadMs: aborted.plannedLoadMs,
        },
      }
    : {};

/** The device's clock, so a reader knows what the device's own times (its health, the latency chart) are in. */
function deviceClockOf(speed: number): RunReport['deviceClock'] {
  return {
    speed,
    note:
      speed === 1
        ? "the device's clock is real time"
        : `the device's clock ran ${speed} times the wall clock: its own times (device.engine, the series' latencyP50Ms and latencyP95Ms) are device time; latency, phases and the verdicts are the harness's wall clock`,
  };
}

/** report.json's `deviceSays`, only beside a loss: a run that delivered everything needs no excuse. */
function deviceSaysField(lost: number, health: DeviceHealth | null): Pick<RunReport, 'deviceSays'> {
  const says = lost > 0 ? deviceSaysOf(health) : null;
  return says === null ? {} : { deviceSays: says };
}

function reportOf(record: RunRecord, tallied: Tally, verdicts: Verdict[], redactor: Redactor): RunReport {
  const { scenario, startedAt } = record;
  const { trace, drainedWithinMs } = tallied;
  const finishedAt = new Date();
  return {
    schemaVersion: 1,
    runId: record.runId,
    status: statusOf(record, verdicts),
    scenario: {
      name: scenario.name,
      description: scenario.description,
      file: record.file,
      ...(scenario.sourceSha256 === undefined ? {} : { sha256: scenario.sourceSha256 }),
    },
    smsgwVersion: VERSION,
    seed: scenario.seed,
    ...(record.shard ? { shard: { index: record.shard.index, count: record.shard.count } } : {}),
    // A scenario built in code (a test's, a selftest's) may lack the list: its report is written all the same.
    ...(scenario.overrides?.length ? { overrides: scenario.overrides } : {}),
    ...(scenario.overrides.length > 0 ? { overrides: scenario.overrides } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    phases: {
      clock: harnessClock,
      loadMs: (record.loadEndedAt ?? finishedAt.getTime()) - record.loadStartedAt,
      drainMs: drainedWithinMs,
    },
    deviceClock: deviceClockOf(scenario.deviceClock),
    counts: countsOf(record, tallied),
    latency: latencyOf(trace.latenciesMs),
    verdicts,
    timeline: record.timeline,
    lostSamples: trace.lostSamples.map((sample) => ({
      ...sample,
      sender: redactor.phone(sample.sender),
      text: redactor.text(sample.text),
    })),
    ...deviceSaysField(trace.lost, record.deviceHealth),
    stub: { ...record.stubStats },
    device: record.deviceHealth ? { ...record.deviceHealth } : {},
    environment: record.environment,
    redacted: redactor.enabled,
    ...(record.defects?.length ? { defects: record.defects } : {}),
    harness: harnessMemory(record.series?.points ?? [], record),
    series: {
      points: record.series?.points ?? [],
      events: record.series?.events ?? [],
      latencyHistogram: latencyHistogram(trace.latenciesMs),
      loadStartMs: record.loadStartedAt - startedAt.getTime(),
    },
    ...abortedOf(record),
    ...errorOf(record),
  };
}

/** A fleet's devices judged on their own; a device's failure fails the run as the fleet's would. */
function withDevices(report: RunReport, record: RunRecord, { trace }: Tally): RunReport {
  const { fleet } = record;
  if (fleet === undefined || fleet.length < 2) return report;
  const devices = summarizeDevices({
    fleet,
    counts: record.log.deviceCounts(),
    traces: trace.devices ?? new Map(),
    expect: record.scenario.expect,
    cutShort: cutShort(record),
  });
  const status = report.status === 'passed' && !devices.every((device) => device.passed) ? 'failed' : report.status;
  return { ...report, status, devices };
}

export function summarizeRun(record: RunRecord): RunSummary {
  const redactor = createRedactor(record.redact ?? false);
  const tallied = tally(record);
  const judged = evaluateVerdicts(expectationsOf(record), measure(record, tallied, redactor), cutShort(record));
  const verdicts = record.aborted ? withAbort(judged, record.aborted) : judged;
  const report = withDevices(reportOf(record, tallied, verdicts, redactor), record, tallied);
  return { report, latenciesMs: tallied.trace.latenciesMs };
}
