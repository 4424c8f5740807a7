// The one shape of a run's result, written as report.json and read back by every other reporter.
import type { Verdict } from '../run/verdicts';
import type { TimelineEvent } from '../run/chaos';

export type RunStatus = 'passed' | 'failed' | 'interrupted' | 'error';

export interface LatencySummary {
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

export interface RunCounts {
  /** SMS the load schedule planned. */
  readonly planned: number;
  /** SMS the device acknowledged with OK. */
  readonly injected: number;
  /** SMS the device refused (KO) after every retry. */
  readonly refused: number;
  /** SMS sent when the device died, never answered: delivering them once or never are both fine. */
  readonly inDoubt: number;
  /** Of those, how many the server accepted. */
  readonly inDoubtDelivered: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly redeliveries: number;
}

export interface RunReport {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly status: RunStatus;
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Length of the load phase and of the drain that followed, ms. */
  readonly phases: { readonly loadMs: number; readonly drainMs: number | null };
  readonly counts: RunCounts;
  readonly latency: LatencySummary;
  readonly verdicts: readonly Verdict[];
  /** Chaos steps as they happened, ms from the start of the load. */
  readonly timeline: readonly TimelineEvent[];
  /** Up to 100 SMS that never reached the server, for a first look; trace.jsonl has them all. */
  readonly lostSamples: ReadonlyArray<{ readonly index: number; readonly sender: string; readonly text: string }>;
  readonly stub: Readonly<Record<string, unknown>>;
  readonly device: Readonly<Record<string, unknown>>;
  readonly environment: Readonly<Record<string, string | number>>;
  /** Why the run ended early, when it did. */
  readonly error?: string;
}

export function runPassed(verdicts: readonly Verdict[]): boolean {
  return verdicts.every((verdict) => verdict.passed);
}
