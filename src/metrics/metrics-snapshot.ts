// The one plain object the dashboard, the progress line and the report read: a run (or an attached
// device and stub) at one moment, with a short history for sparklines.

export type Phase = 'starting' | 'load' | 'drain' | 'teardown' | 'done' | 'attached';

/** The device's overall status, or `unreachable` when its last health poll failed. */
export type DeviceStatus = 'healthy' | 'degraded' | 'down' | 'unreachable';

/** One sample of the cumulative counters and gauges, the unit of the time series. */
export interface MetricsPoint {
  /** Ms since the run (or the attach) started. */
  readonly atMs: number;
  /** SMS into the device so far (acknowledged by its console; the device's own count when attached). */
  readonly injected: number | null;
  /** Distinct messages the stub accepted so far. */
  readonly accepted: number | null;
  readonly queueSize: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly rssBytes: number | null;
  /** The harness's own resident memory (it should stay flat through a soak); absent in older reports. */
  readonly harnessRssBytes?: number | null;
  /** The harness's heap right after its latest major GC: what a leak would grow. */
  readonly harnessRetainedHeapBytes?: number | null;
  /** Faults the stub fired so far, every kind. */
  readonly faults: number | null;
}

export interface TimelineEntry {
  /** Ms since the run (or the attach) started. */
  readonly atMs: number;
  readonly kind: 'chaos' | 'device' | 'stub' | 'load';
  readonly text: string;
}

export interface ErrorEntry {
  /** Increases by one per error, so a reader can tell which ones it has already shown. */
  readonly seq: number;
  readonly atMs: number;
  readonly text: string;
}

/** What the run's latest trace found: the verdicts' own matching of acknowledged SMS to accepted ones. */
export interface TracedCounts {
  /** Ms since the run started when the trace ran. */
  readonly atMs: number;
  /** Accepted under a second key: what the `duplicates` verdict counts. */
  readonly duplicates: number;
  /** Acknowledged and not accepted by then; mid-run this includes what is still queued, so it is not a loss yet. */
  readonly lost: number;
}

/** `traced 40s ago`, `traced 3m ago`: says how old a traced count is, so nobody reads it as live. */
export function tracedAgo(traced: TracedCounts, elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor((elapsedMs - traced.atMs) / 1000));
  if (seconds < 60) return `traced ${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `traced ${minutes}m ago`;
  return `traced ${Math.floor(minutes / 60)}h ${minutes % 60}m ago`;
}

/** One device of a fleet (`devices:`) at the latest sample: the dashboard's row for it. */
export interface DeviceRow {
  /** Its number in the fleet, from 1. */
  readonly index: number;
  readonly label: string;
  /** Its own health's status, `unreachable` when its last poll failed; null before its first answer. */
  readonly status: DeviceStatus | null;
  /** SMS the harness has written to its console so far, and how many it acknowledged. */
  readonly sent: number;
  readonly acknowledged: number;
  /** Its own queue and delivered count (its health's word), null before its first answer. */
  readonly queueSize: number | null;
  readonly delivered: number | null;
  /** The kernel's peak resident memory of its processes so far. */
  readonly peakRssBytes: number | null;
}

export interface LoadClock {
  /** Planned length of the load, ms. */
  readonly plannedMs: number;
  /** Ms of load run so far, pauses excluded. */
  readonly elapsedMs: number;
  readonly paused: boolean;
}

export interface MetricsSnapshot {
  readonly source: 'run' | 'attached';
  /** The scenario's one-line description, or what the dashboard is attached to. */
  readonly title: string;
  readonly phase: Phase;
  readonly elapsedMs: number;
  /** Null when attached (no load of ours). */
  readonly load: LoadClock | null;
  readonly planned: number;
  /** SMS the harness has written to the device's console so far, answered or not. */
  readonly attempted: number;
  /** Of those, the ones the console acknowledged. */
  readonly injected: number;
  readonly refused: number;
  readonly inDoubt: number;
  readonly stubReachable: boolean;
  /** Distinct messages the stub accepted. */
  readonly accepted: number;
  readonly redeliveries: number;
  readonly requests: number;
  readonly rejected4xx: number;
  readonly badSignatures: number;
  readonly faults: Readonly<Record<string, number>>;
  /** Null before the first health poll. */
  readonly deviceStatus: DeviceStatus | null;
  readonly reasons: readonly string[];
  readonly queueSize: number | null;
  readonly pending: number | null;
  readonly sending: number | null;
  readonly retrying: number | null;
  readonly failed: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly rssBytes: number | null;
  readonly network: string | null;
  readonly breaker: string | null;
  /** Acknowledged, neither accepted nor still queued: lost unless it shows up later. */
  readonly lostSoFar: number | null;
  /**
   * The run's latest trace; null before the first one, and when attached (no injections to trace).
   * Duplicates are shown only from here: counters read a few ms apart counted an OK still on its way
   * back from the device as a duplicate.
   */
  readonly traced: TracedCounts | null;
  /** SMS per second over the last sample interval. */
  readonly throughputIn: number | null;
  readonly throughputOut: number | null;
  /** The newest points, oldest first. */
  readonly history: readonly MetricsPoint[];
  /** The newest timeline entries and errors, oldest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly errors: readonly ErrorEntry[];
  /** A fleet's devices, one row each; absent for a run of one device (and when attached). */
  readonly devices?: readonly DeviceRow[];
}
