// `abort_on_fail`: the verdicts judged on every sample while a run goes on, and what an aborted run's
// report says. Each of them measures what can only grow (a count of bad events, a peak, the slowest
// delivery so far), so a bound it is already over mid-run stays failed at the end. Aborting only ever
// fails a run: nothing judged mid-run can make a verdict pass, and a figure not measured yet (no
// health read, no trace) aborts nothing.
import type { AbortableVerdict, Expectations } from '../scenario/index';
import { formatDuration } from '../units/index';
import { booleanVerdict, thresholdVerdict, type Verdict } from './verdicts';

/** What the harness knows on one sample of a run still going. */
export interface MidRunMeasurements {
  /** SMS the device acknowledged so far, read before `serverAccepted`. */
  readonly acknowledged: number;
  /** Distinct SMS the server has accepted (its ledger's keys), read after `acknowledged`. */
  readonly serverAccepted: number;
  readonly refused: number;
  readonly unanswered: number;
  /** SMS the app gave up on, by its own count at its latest health read; null before one answered. */
  readonly gaveUp: number | null;
  /** The kernel's peak of the device's processes so far; null before a read. */
  readonly deviceRssBytes: number | null;
  /** The stub's signature refusals so far; null when the scenario signs nothing. */
  readonly signatures: { readonly bad: number; readonly stale: number; readonly replayed: number } | null;
  /** A trace of the run so far, when one was taken on this sample; null otherwise. */
  readonly trace: MidRunTrace | null;
}

/** What a trace of the run so far says, the same trace the final verdicts read. */
export interface MidRunTrace {
  readonly duplicates: number;
  readonly corrupted: number;
  /** The slowest delivery so far, ms; null before the first. */
  readonly maxLatencyMs: number | null;
  readonly delivered: number;
}

/** The verdicts among these that need a trace: the ledger matched to the injections, SMS by SMS. */
const traced: ReadonlySet<AbortableVerdict> = new Set(['duplicates', 'max_latency', 'content_intact']);

/** Whether a sample must trace the run to judge what `expect` aborts on. */
export function abortNeedsTrace(expect: Expectations): boolean {
  return (expect.abortOnFail ?? []).some((name) => traced.has(name));
}

/**
 * SMS known lost mid-run: given up by the app (only it knows it stopped trying) and, by the ledger,
 * missing from the server. The device's count alone never fails `lost`: the ledger must also lack at
 * least as many of the acknowledged SMS (counted by key, so the cap errs towards not aborting).
 */
function knownLost(m: MidRunMeasurements): { value: number | null; detail: string } {
  if (m.gaveUp === null) return { value: null, detail: 'the device has not reported its health yet' };
  const missing = Math.max(0, m.acknowledged - m.serverAccepted);
  const value = Math.min(m.gaveUp, missing);
  return {
    value,
    detail: `${value} SMS known lost mid-run: the app gave up on ${m.gaveUp} (its own count) and the server had accepted ${m.serverAccepted} of ${m.acknowledged} acknowledged SMS (its ledger)`,
  };
}

type MidRunRule = (expect: Expectations, m: MidRunMeasurements) => Verdict | null;

const countRule =
  (
    name: 'duplicates' | 'refused' | 'unanswered' | 'gave_up' | 'max_latency' | 'device_rss',
    measure: (m: MidRunMeasurements) => number | null,
    detail: (m: MidRunMeasurements) => string,
  ): MidRunRule =>
  (expect, m) => {
    const bound = expect[name];
    const value = measure(m);
    return bound === undefined || value === null ? null : thresholdVerdict(name, bound, value, '', detail(m));
  };

const midRunRules: Readonly<Record<AbortableVerdict, MidRunRule>> = {
  lost: (expect, m) => {
    const { value, detail } = knownLost(m);
    return value === null ? null : thresholdVerdict('lost', expect.lost, value, '', detail);
  },
  duplicates: countRule(
    'duplicates',
    (m) => m.trace?.duplicates ?? null,
    () => 'accepted under a second idempotency key, by a trace of the run so far',
  ),
  refused: countRule(
    'refused',
    (m) => m.refused,
    (m) => `${m.refused} SMS answered KO after every retry so far`,
  ),
  unanswered: countRule(
    'unanswered',
    (m) => m.unanswered,
    (m) => `${m.unanswered} SMS got no answer from the device so far`,
  ),
  gave_up: countRule(
    'gave_up',
    (m) => m.gaveUp,
    (m) => `${m.gaveUp} SMS dead-lettered by the app so far (the device's count)`,
  ),
  max_latency: countRule(
    'max_latency',
    (m) => m.trace?.maxLatencyMs ?? null,
    (m) =>
      `the slowest of the ${m.trace?.delivered ?? 0} SMS delivered so far (exact, to the millisecond): injection to first 2xx, on the harness's wall clock`,
  ),
  device_rss: countRule(
    'device_rss',
    (m) => m.deviceRssBytes,
    () => 'peak resident set size so far',
  ),
  content_intact: (expect, m) =>
    m.trace === null
      ? null
      : booleanVerdict(
          'content_intact',
          expect.content_intact,
          m.trace.corrupted === 0,
          `${m.trace.corrupted} accepted text(s) so far equal no injected text`,
        ),
  signatures_valid: (expect, m) => {
    if (expect.signatures_valid === undefined || m.signatures === null) return null;
    const { bad, stale, replayed } = m.signatures;
    return booleanVerdict(
      'signatures_valid',
      expect.signatures_valid,
      bad + stale + replayed === 0,
      `the server refused ${bad} missing or invalid, ${stale} stale and ${replayed} replayed signature(s) so far`,
    );
  },
};

/** The first verdict `expect` aborts on that has failed by this sample; null while none has. */
export function firstAbortFailure(expect: Expectations, measured: MidRunMeasurements): Verdict | null {
  for (const name of expect.abortOnFail ?? []) {
    const verdict = midRunRules[name](expect, measured);
    if (verdict !== null && verdict.result === 'fail' && verdict.value !== null) return verdict;
  }
  return null;
}

/** A run stopped by a verdict that failed mid-run (`abort_on_fail`). */
export interface RunAbort {
  /** The verdict as judged on the sample it failed. */
  readonly verdict: Verdict;
  /** When, ms since the run started. */
  readonly atMs: number;
  /** How long the load had run by then, and how long it was planned to, ms. */
  readonly loadMs: number;
  readonly plannedLoadMs: number;
}

const seconds = (ms: number): string => formatDuration(Math.round(ms / 100) * 100) || '0s';

/** One line for a person: which verdict stopped the run, when, and what it saw. */
export function abortLine(abort: RunAbort): string {
  const { verdict, atMs, loadMs, plannedLoadMs } = abort;
  return (
    `aborted by \`${verdict.name}\` (abort_on_fail) ${seconds(atMs)} into the run, ${seconds(loadMs)} into a ` +
    `${seconds(plannedLoadMs)} load: ${verdict.actual} against ${verdict.expected}; ${verdict.detail ?? ''}`
  ).replace(/; $/, '');
}

/**
 * The final verdicts of an aborted run, with the one that stopped it failed: judged at the end when it
 * still fails there (a count only grows), else as it was judged when it stopped the run (the SMS the
 * app gave up on, which the drain never ran to confirm). Only ever turns a verdict into a failure.
 */
export function withAbort(verdicts: readonly Verdict[], abort: RunAbort): Verdict[] {
  const note = `the run was aborted on it ${seconds(abort.atMs)} into the run`;
  const mark = (verdict: Verdict): Verdict => ({ ...verdict, detail: `${verdict.detail ?? verdict.actual}; ${note}` });
  const atStop = mark({ ...abort.verdict, result: 'fail', passed: false });
  if (!verdicts.some((verdict) => verdict.name === abort.verdict.name)) return [...verdicts, atStop];
  return verdicts.map((verdict) =>
    verdict.name !== abort.verdict.name ? verdict : verdict.result === 'fail' ? mark(verdict) : atStop,
  );
}
