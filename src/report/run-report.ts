// The one shape of a run's result, written as report.json and read back by every other reporter.
import type { Verdict } from '../judge/verdicts';
import type { TimelineEvent } from '../chaos/chaos';
import type { MetricsPoint, TimelineEntry } from '../metrics/metrics-snapshot';
import type { Histogram } from '../metrics/histogram';

/** `running`: a checkpoint written during the run; a killed run leaves its last one behind. */
export type RunStatus = 'passed' | 'failed' | 'interrupted' | 'error' | 'running';

export interface LatencySummary {
  /** Which clock the times are on: the harness's wall clock, whatever the device's runs at; absent in older reports. */
  readonly clock?: 'harness wall clock';
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

export interface RunCounts {
  /** SMS the load schedule planned. */
  readonly planned: number;
  /** SMS that reached the device, whatever it answered (acknowledged, refused, unanswered, and in-doubt ones it delivered): `success_rate`'s denominator; absent in older reports. */
  readonly sent?: number;
  /** SMS the device acknowledged with OK. */
  readonly injected: number;
  /** SMS the device refused (KO) after every retry. */
  readonly refused: number;
  /** SMS the device never answered (a timeout, a line it closed, a death nobody ordered); absent in older reports. */
  readonly unanswered?: number;
  /** Of those, how many the server accepted once. */
  readonly unansweredDelivered?: number;
  /** SMS whose console line a chaos step's kill cut before the answer: delivering them once or never are both fine. */
  readonly inDoubt: number;
  /** Of those, how many the server accepted. */
  readonly inDoubtDelivered: number;
  /** Acknowledged SMS the server accepted (in-doubt and unanswered deliveries are counted apart). */
  readonly delivered: number;
  /** Injected SMS whose sender and text equal an earlier one (`messages.repeats`); absent in older reports. */
  readonly repeats?: number;
  readonly lost: number;
  /**
   * SMS the app gave up on (dead-lettered once its retry budget ran out), by the device's count at the
   * end of the run; each is also in `lost`. Null when the device never told its health; absent in older reports.
   */
  readonly gaveUp?: number | null;
  readonly duplicates: number;
  readonly redeliveries: number;
  /** Accepted texts that equal no injected text byte for byte; absent in older reports. */
  readonly corrupted?: number;
}

/** The run over time, for report.html's charts. */
export interface RunSeries {
  /** One point a second, older ones thinned in long runs; `atMs` from the start of the run. */
  readonly points: readonly MetricsPoint[];
  /** Device status changes, first faults, chaos steps, pauses; `atMs` from the start of the run. */
  readonly events: readonly TimelineEntry[];
  /** Injection → first 2xx latency of every delivered SMS. */
  readonly latencyHistogram: Histogram;
  /** Ms from the start of the run to the start of the load (chaos `timeline` counts from there). */
  readonly loadStartMs: number;
}

/** One shard run of a merged report, as its own report.json said it. */
export interface MergedShard {
  /** @minimum 1 */
  readonly index: number;
  readonly runId: string;
  readonly status: RunStatus;
  /** @format date-time */
  readonly startedAt: string;
  readonly planned: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  /** Its device (environment.device), for a person looking for the machine that lost an SMS. */
  readonly device: string;
}

/** What `smsgw report merge` judged: every shard of one run, and what only the union of them shows. */
export interface MergedShards {
  /** @minimum 1 */
  readonly count: number;
  readonly shards: readonly MergedShard[];
  /**
   * Idempotency keys first accepted by more than one shard's server: one server would have taken the
   * later ones for redeliveries and dropped their SMS, so each is counted in `counts.lost` too.
   */
  readonly keyCollisions: number;
}

/** One device of a fleet (`devices:` in the scenario), judged on its own SMS. */
export interface DeviceReport {
  /**
   * Its number in the fleet, as chaos steps name it.
   * @minimum 1
   */
  readonly index: number;
  /** The deviceId it stamps on every webhook (part of every message id); its label when the harness cannot tell. */
  readonly id: string;
  /** Short name, as progress lines and the environment show it (`virtual:41235`). */
  readonly label: string;
  /** Every verdict of it passed (a device's failure fails the run too). */
  readonly passed: boolean;
  /** Its share of the run's counts: the SMS injected into it, and what became of them. */
  readonly counts: {
    readonly sent: number;
    readonly injected: number;
    readonly refused: number;
    readonly unanswered: number;
    readonly inDoubt: number;
    readonly delivered: number;
    readonly lost: number;
    /** By its own count at the end of the run; null when it never told its health. */
    readonly gaveUp: number | null;
    readonly duplicates: number;
  };
  /** Latency of its delivered SMS, on the harness's wall clock. */
  readonly latency: LatencySummary;
  /** The kernel's peak resident memory of its processes (killed ones included); null when not read. */
  readonly peakRssBytes: number | null;
  /** The scenario's bounds applied to this device alone: lost, duplicates, refused, unanswered, gave_up, success_rate, the latencies, device_rss. */
  readonly verdicts: readonly Verdict[];
}

/** A run's result, as `smsgw run` writes it to reports/<run-id>/report.json, checkpoints included. */
export interface RunReport {
  readonly schemaVersion: 1;
  /** The run's folder under the reports folder: start time, scenario name, process id. */
  readonly runId: string;
  readonly status: RunStatus;
  readonly scenario: {
    readonly name: string;
    readonly description: string;
    readonly file: string;
    /**
     * SHA-256 of the scenario file's bytes as read (before `--set` overrides), hex; absent in older reports.
     * @pattern ^[0-9a-f]{64}$
     */
    readonly sha256?: string;
  };
  /** The smsgw version that wrote this report; absent in older reports. */
  readonly smsgwVersion?: string;
  /** The seed the run's load and chaos were drawn from (the scenario's, or `--seed`); absent in older reports. */
  readonly seed?: number;
  /**
   * `smsgw run --shard 2/8`: this run sent the 2nd of 8 disjoint slices of the scenario's load (the SMS
   * at positions index−1 modulo count of the unsharded run); `smsgw report merge` judges the slices as
   * one run. Absent for a run of the whole load.
   */
  readonly shard?: {
    /** @minimum 1 */
    readonly index: number;
    /** @minimum 1 */
    readonly count: number;
  };
  /** Written by `smsgw report merge`: the shard runs this report judges as one run; absent in a run's own report. */
  readonly merged?: MergedShards;
  /** `--set` overrides applied over the scenario file, as given (`load.0.burst.count=1000`); absent when none. */
  readonly overrides?: readonly string[];
  /**
   * When the run started (ISO 8601, UTC).
   * @format date-time
   */
  readonly startedAt: string;
  /**
   * When this report was written: the run's end, or the checkpoint's time (ISO 8601, UTC).
   * @format date-time
   */
  readonly finishedAt: string;
  /** From `startedAt` to `finishedAt`, ms. */
  readonly durationMs: number;
  /** Length of the load phase and of the drain that followed, ms, on the harness's wall clock. */
  readonly phases: { readonly clock?: 'harness wall clock'; readonly loadMs: number; readonly drainMs: number | null };
  /**
   * How fast the device's clock ran (`device: { clock: 100x }`; 1 is real time) and what that means for
   * the times in this report; absent in older reports.
   */
  readonly deviceClock?: { readonly speed: number; readonly note: string };
  readonly counts: RunCounts;
  readonly latency: LatencySummary;
  readonly verdicts: readonly Verdict[];
  /** Chaos steps as they happened, ms from the start of the load. */
  readonly timeline: readonly TimelineEvent[];
  /** Up to 100 SMS that never reached the server, for a first look (`unanswered` when the device never answered them either); trace.jsonl has the acknowledged ones. */
  readonly lostSamples: ReadonlyArray<{
    readonly index: number;
    readonly sender: string;
    readonly text: string;
    readonly unanswered?: true;
  }>;
  /**
   * When SMS were lost, what the device said last of why it did not deliver them: its queue's pause
   * reason (an untrusted certificate, a redirect), else its last error. The device's word, naming a
   * cause for a person; the count is the ledger's (`counts.lost`). Absent when nothing was lost or the
   * device said nothing.
   */
  readonly deviceSays?: string;
  readonly stub: Readonly<Record<string, unknown>>;
  /** The device's last health read; for a fleet, the devices' summed (queues, counts) and worst (status). */
  readonly device: Readonly<Record<string, unknown>>;
  /**
   * A fleet (`devices:` of 2 or more): each device judged on its own SMS. The top-level counts and
   * verdicts are the fleet's, and the run passes only when every device's verdicts pass too. Absent
   * for a run of one device, whose top-level figures are that device's.
   */
  readonly devices?: readonly DeviceReport[];
  readonly environment: Readonly<Record<string, string | number>>;
  /** The harness's own memory: its peak, and its growth under load (flat in a healthy soak); absent in older reports. */
  readonly harness?: {
    readonly peakRssBytes: number | null;
    /** Least-squares slope of RSS under load: saw-toothed by GC, so read it beside the next two. */
    readonly rssGrowthBytesPerHour: number | null;
    /** Highest RSS in the first and in the last third of the load: flat memory keeps them close. */
    readonly rssPeakFirstThirdBytes: number | null;
    readonly rssPeakLastThirdBytes: number | null;
    /** Slope of the heap that survives major GCs, under load: a leak grows this, garbage does not. */
    readonly retainedHeapGrowthBytesPerHour: number | null;
    readonly retainedHeapLastBytes: number | null;
  };
  /** Defects planted in the virtual device on purpose (`--defect`); absent when none. */
  readonly defects?: readonly string[];
  /** Phone numbers masked and texts hashed (`--redact`); absent in older reports. */
  readonly redacted?: boolean;
  /** Absent in reports written before the series existed. */
  readonly series?: RunSeries;
  /**
   * The verdict that stopped the run the moment it failed (`abort_on_fail` in the scenario), when one
   * did: `atMs` from the start of the run, and how long of the planned load had run; absent otherwise.
   */
  readonly aborted?: {
    readonly verdict: string;
    readonly atMs: number;
    readonly loadMs: number;
    readonly plannedLoadMs: number;
  };
  /** Why the run ended early, when it did. */
  readonly error?: string;
}

/** Every verdict passed; a run with one not judged did not pass. */
export function runPassed(verdicts: readonly Verdict[]): boolean {
  return verdicts.every((verdict) => verdict.passed);
}

/** The verdict's result, also for reports written before `result` existed. */
export const resultOf = (verdict: Verdict): Verdict['result'] => verdict.result ?? (verdict.passed ? 'pass' : 'fail');
