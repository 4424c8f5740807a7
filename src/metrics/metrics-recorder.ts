// Turns raw samples (device health, stub stats, injector counters) into snapshots, a bounded time
// series and a timeline. Shared by `smsgw run` and the attached dashboard, so both show the same.
import type { DeviceHealth } from '../device/core/device';
import type { StubStats } from '../stub/index';
import { metricsDefaults } from './defaults';
import type {
  DeviceStatus,
  ErrorEntry,
  LoadClock,
  MetricsPoint,
  MetricsSnapshot,
  Phase,
  TimelineEntry,
  TracedCounts,
} from './metrics-snapshot';
import { ratesOf } from './rates';
import { createTimeSeries } from './time-series';
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
  const series = createTimeSeries<MetricsPoint>(options.maxPoints);
  const timeline: TimelineEntry[] = [];
  const errors: ErrorEntry[] = [];
  let errorSeq = 0;
  let health: DeviceHealth | null = null;
  let stats: StubStats | null = null;
  let previous: Observed | null = null;
  let lastPoint: MetricsPoint | null = null;
  let traced: TracedCounts | null = null;

  const note = (atMs: number, kind: TimelineEntry['kind'], text: string): void => {
    timeline.push({ atMs, kind, text });
    if (timeline.length > metricsDefaults.maxTimelineEntries)
      timeline.splice(0, timeline.length - metricsDefaults.maxTimelineEntries);
  };
  // A server answering 503 at 20% makes the same error every second: show it every 10 s, counted.
  const lastShownAt = new Map<string, { atMs: number; repeats: number }>();
  const error = (atMs: number, text: string): void => {
    const seen = lastShownAt.get(text);
    if (seen && atMs - seen.atMs < metricsDefaults.errorRepeatMs) {
      seen.repeats += 1;
      return;
    }
    if (lastShownAt.size >= metricsDefaults.maxTimelineEntries) lastShownAt.clear();
    lastShownAt.set(text, { atMs, repeats: 0 });
    errorSeq += 1;
    const repeats = seen?.repeats ?? 0;
    errors.push({ seq: errorSeq, atMs, text: repeats > 0 ? `${text} (again, ${repeats} more since)` : text });
    if (errors.length > metricsDefaults.snapshotErrorEntries) errors.shift();
  };

  return {
    note,
    error,
    noteTrace(result) {
      // A slow trace that finishes after a newer one must not replace it.
      if (traced === null || result.atMs >= traced.atMs)
        traced = { atMs: result.atMs, duplicates: result.duplicates, lost: result.lost };
    },
    series: () => series.points(),
    timeline: () => [...timeline],
    sample(sample) {
      if (sample.health?.kind === 'ok') health = sample.health.value;
      if (sample.stub?.kind === 'ok') stats = sample.stub.value;
      const engine = health?.engine ?? null;
      const status: DeviceStatus | null =
        sample.health === null ? null : sample.health.kind === 'ok' ? sample.health.value.engine.status : 'unreachable';
      const observed: Observed = {
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
      const changes = describeChanges(previous, observed);
      for (const entry of changes.timeline) note(sample.atMs, entry.kind, entry.text);
      for (const text of changes.errors) error(sample.atMs, text);
      previous = observed;

      // The series gets gaps where a source did not answer; the snapshot keeps the last known values.
      const fresh = sample.health?.kind === 'ok' ? sample.health.value : null;
      const freshStats = sample.stub?.kind === 'ok' ? sample.stub.value : null;
      const point: MetricsPoint = {
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
      const rate = lastPoint ? (ratesOf([lastPoint, point])[0] ?? null) : null;
      lastPoint = point;
      series.push(point);

      const load = sample.load;
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
        deviceStatus: status,
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
        traced,
        throughputIn: rate?.inPerSec ?? null,
        throughputOut: rate?.outPerSec ?? null,
        history: series.tail(metricsDefaults.historyPoints),
        timeline: timeline.slice(-metricsDefaults.snapshotTimelineEntries),
        errors: [...errors],
      };
    },
  };
}
