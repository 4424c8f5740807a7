// Turns raw samples (device health, stub stats, injector counters) into snapshots, a bounded time
// series and a timeline. Shared by `smsgw run` and the attached dashboard, so both show the same.
import type { DeviceHealth } from '../device/core/device';
import type { StubStats } from '../stub/index';
import { metricsDefaults } from './defaults';
import type {
  DeviceRow,
  DeviceStatus,
  ErrorEntry,
  LoadClock,
  MetricsPoint,
  MetricsSnapshot,
  Phase,
  TimelineEntry,
  TracedCounts,
} from './metrics-snapshot';
import { ratesOf, type RatePoint } from './rates';
import { createTimeSeries, type TimeSeries } from './time-series';
import { describeChanges, type Observed } from './describe-changes';

/** What one poll of a source gave: a value, or why there was none. */
export type Polled<T> =
  { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'unreachable'; readonly error: string };

export interface LoadSample {
  readonly planned: number;
  readonly attempted: number;
  readonly injected: number;
  readonly refused: number;
  readonly inDoubt: number;
  readonly clock: LoadClock | null;
}

export interface Sample {
  /** Ms since the run (or attach) started. */
  readonly atMs: number;
  readonly phase: Phase;
  /** Null when there is no device to ask (yet). */
  readonly health: Polled<DeviceHealth> | null;
  readonly stub: Polled<StubStats> | null;
  /** Null when attached: the load is someone else's. */
  readonly load: LoadSample | null;
  /** This process's memory, when it is the harness of a run. */
  readonly harness?: { readonly rssBytes: number; readonly retainedHeapBytes: number | null };
  /** A fleet's devices, one row each, passed on to the snapshot as they are. */
  readonly devices?: readonly DeviceRow[];
}

export interface RecorderOptions {
  readonly source: 'run' | 'attached';
  readonly title: string;
  /** Default `metricsDefaults.maxSeriesPoints`. */
  readonly maxPoints?: number;
}

export interface MetricsRecorder {
  sample(sample: Sample): MetricsSnapshot;
  note(atMs: number, kind: TimelineEntry['kind'], text: string): void;
  error(atMs: number, text: string): void;
  /** The result of a trace of the run (at a checkpoint); the snapshots from the next sample on carry it. */
  noteTrace(result: TracedCounts): void;
  /** The whole (thinned) series and timeline, for the report. */
  series(): MetricsPoint[];
  timeline(): TimelineEntry[];
}

const sumOf = (faults: StubStats['faults']): number => Object.values(faults).reduce((total, count) => total + count, 0);

export function createMetricsRecorder(options: RecorderOptions): MetricsRecorder {
  return new Recorder(options);
}

/** The last value each source gave: a snapshot keeps showing it while the source does not answer. */
interface LastKnown {
  readonly health: DeviceHealth | null;
  readonly stats: StubStats | null;
}

class Recorder implements MetricsRecorder {
  private readonly points: TimeSeries<MetricsPoint>;
  private readonly notes: TimelineEntry[] = [];
  private readonly errors = new ErrorLog();
  private lastKnown: LastKnown = { health: null, stats: null };
  private previous: Observed | null = null;
  private lastPoint: MetricsPoint | null = null;
  private traced: TracedCounts | null = null;

  constructor(private readonly options: RecorderOptions) {
    this.points = createTimeSeries<MetricsPoint>(options.maxPoints);
  }

  note(atMs: number, kind: TimelineEntry['kind'], text: string): void {
    this.notes.push({ atMs, kind, text });
    if (this.notes.length > metricsDefaults.maxTimelineEntries)
      this.notes.splice(0, this.notes.length - metricsDefaults.maxTimelineEntries);
  }

  error(atMs: number, text: string): void {
    this.errors.add(atMs, text);
  }

  noteTrace(result: TracedCounts): void {
    // A slow trace that finishes after a newer one must not replace it.
    if (this.traced === null || result.atMs >= this.traced.atMs)
      this.traced = { atMs: result.atMs, duplicates: result.duplicates, lost: result.lost };
  }

  series(): MetricsPoint[] {
    return this.points.points();
  }

  timeline(): TimelineEntry[] {
    return [...this.notes];
  }

  sample(sample: Sample): MetricsSnapshot {
    this.lastKnown = {
      health: sample.health?.kind === 'ok' ? sample.health.value : this.lastKnown.health,
      stats: sample.stub?.kind === 'ok' ? sample.stub.value : this.lastKnown.stats,
    };
    const observed = observe(sample, this.lastKnown);
    this.noteChanges(sample.atMs, observed);
    const point = pointOf(sample);
    const rate = this.lastPoint ? (ratesOf([this.lastPoint, point])[0] ?? null) : null;
    this.lastPoint = point;
    this.points.push(point);
    return snapshotOf({
      options: this.options,
      sample,
      observed,
      lastKnown: this.lastKnown,
      rate,
      traced: this.traced,
      history: this.points.tail(metricsDefaults.historyPoints),
      timeline: this.notes.slice(-metricsDefaults.snapshotTimelineEntries),
      errors: this.errors.entries(),
    });
  }

  /** Puts what changed since the previous sample on the timeline and among the errors. */
  private noteChanges(atMs: number, observed: Observed): void {
    const changes = describeChanges(this.previous, observed);
    for (const entry of changes.timeline) this.note(atMs, entry.kind, entry.text);
    for (const text of changes.errors) this.error(atMs, text);
    this.previous = observed;
  }
}

/**
 * The errors a snapshot shows, newest last. A server answering 503 at 20% makes the same error every
 * second: each text is shown at most every `errorRepeatMs`, with a count of the repeats in between.
 */
class ErrorLog {
  private readonly shown: ErrorEntry[] = [];
  private seq = 0;
  private readonly lastShownAt = new Map<string, { atMs: number; repeats: number }>();

  add(atMs: number, text: string): void {
    const seen = this.lastShownAt.get(text);
    if (seen && atMs - seen.atMs < metricsDefaults.errorRepeatMs) {
      seen.repeats += 1;
      return;
    }
    if (this.lastShownAt.size >= metricsDefaults.maxTimelineEntries) this.lastShownAt.clear();
    this.lastShownAt.set(text, { atMs, repeats: 0 });
    this.seq += 1;
    const repeats = seen?.repeats ?? 0;
    this.shown.push({ seq: this.seq, atMs, text: repeats > 0 ? `${text} (again, ${repeats} more since)` : text });
    if (this.shown.length > metricsDefaults.snapshotErrorEntries) this.shown.shift();
  }

  entries(): ErrorEntry[] {
    return [...this.shown];
  }
}

/** What the timeline compares from one sample to the next. */
function observe(sample: Sample, { health, stats }: LastKnown): Observed {
  const engine = health?.engine ?? null;
  const status: DeviceStatus | null =
    sample.health === null ? null : sample.health.kind === 'ok' ? sample.health.value.engine.status : 'unreachable';
  return {
    status,
    reasons:
      sample.health?.kind === 'ok'
        ? (engine?.reasons ?? [])
        : sample.health?.kind === 'unreachable'
          ? [sample.health.error]
          : [],
    stubError: sample.stub?.kind === 'unreachable' ? sample.stub.error : null,
    lastError: engine?.lastError ?? null,
    faults: stats?.faults ?? {},
  };
}

/** This sample's point of the series: gaps (null) where a source did not answer. */
function pointOf(sample: Sample): MetricsPoint {
  const fresh = sample.health?.kind === 'ok' ? sample.health.value : null;
  const freshStats = sample.stub?.kind === 'ok' ? sample.stub.value : null;
  return {
    atMs: sample.atMs,
    injected: sample.load ? sample.load.injected : (fresh?.engine.totalToday ?? null),
    accepted: freshStats?.accepted ?? null,
    queueSize: fresh?.engine.queueSize ?? null,
    latencyP50Ms: fresh?.engine.latencyP50Ms ?? null,
    latencyP95Ms: fresh?.engine.latencyP95Ms ?? null,
    rssBytes: fresh?.rssBytes ?? null,
    ...(sample.harness === undefined
      ? {}
      : { harnessRssBytes: sample.harness.rssBytes, harnessRetainedHeapBytes: sample.harness.retainedHeapBytes }),
    faults: freshStats ? sumOf(freshStats.faults) : null,
  };
}

interface SnapshotParts {
  readonly options: RecorderOptions;
  readonly sample: Sample;
  readonly observed: Observed;
  readonly lastKnown: LastKnown;
  readonly rate: RatePoint | null;
  readonly traced: TracedCounts | null;
  readonly history: MetricsPoint[];
  readonly timeline: TimelineEntry[];
  readonly errors: ErrorEntry[];
}

/** The snapshot of a sample: the last known values of every source. */
function snapshotOf(parts: SnapshotParts): MetricsSnapshot {
  const { options, sample, observed, lastKnown, rate } = parts;
  const { load } = sample;
  const { health, stats } = lastKnown;
  const engine = health?.engine ?? null;
  const accepted = stats?.accepted ?? 0;
  return {
    source: options.source,
    title: options.title,
    phase: sample.phase,
    elapsedMs: sample.atMs,
    load: load?.clock ?? null,
    planned: load?.planned ?? 0,
    attempted: load?.attempted ?? 0,
    injected: load?.injected ?? 0,
    refused: load?.refused ?? 0,
    inDoubt: load?.inDoubt ?? 0,
    stubReachable: sample.stub?.kind === 'ok',
    accepted,
    redeliveries: stats?.redeliveries ?? 0,
    requests: stats?.requests ?? 0,
    rejected4xx: stats?.rejected4xx ?? 0,
    badSignatures: stats?.badSignatures ?? 0,
    faults: { ...(stats?.faults ?? {}) },
    deviceStatus: observed.status,
    reasons: observed.reasons,
    queueSize: engine?.queueSize ?? null,
    pending: engine?.pending ?? null,
    sending: engine?.sending ?? null,
    retrying: engine?.retrying ?? null,
    failed: engine?.failed ?? null,
    latencyP50Ms: engine?.latencyP50Ms ?? null,
    latencyP95Ms: engine?.latencyP95Ms ?? null,
    rssBytes: health?.rssBytes ?? null,
    network: engine?.network ?? null,
    breaker: engine?.breaker ?? null,
    lostSoFar: load && engine && stats ? Math.max(0, load.injected - accepted - engine.queueSize) : null,
    traced: parts.traced,
    throughputIn: rate?.inPerSec ?? null,
    throughputOut: rate?.outPerSec ?? null,
    history: parts.history,
    timeline: parts.timeline,
    errors: parts.errors,
    ...(sample.devices === undefined ? {} : { devices: sample.devices }),
  };
}
