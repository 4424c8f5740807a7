// Turns a scenario's `expect` block and a run's measurements into verdicts of one shape,
// shared by the terminal table, report.json, junit.xml and report.html. A run that ended early (Ctrl-C,
// an environment fault, a checkpoint of a run still going) judges only what it can already know: a
// count that can only grow and is already over its bound fails; everything else is "not judged",
// never a pass and never a fail.
import type { Expectations, Threshold } from '../scenario/index';
import { formatThresholdValue, passesThreshold } from '../units/index';

/** `not-judged`: the run ended before this verdict could be known; neither a pass nor a fail. */
export type VerdictResult = 'pass' | 'fail' | 'not-judged';

export interface Verdict {
  /** The `expect` key, e.g. `lost`, `p95_latency`. */
  readonly name: string;
  /** As the scenario wrote it, e.g. `>= 95%`. */
  readonly expected: string;
  /** Measured value for humans, e.g. `97.0%`, or `not measured`. */
  readonly actual: string;
  /** Measured value for machines; null when it could not be measured (which fails the verdict). */
  readonly value: number | boolean | null;
  readonly result: VerdictResult;
  /** `result === 'pass'`, kept for readers of older reports. */
  readonly passed: boolean;
  /** Why it failed, or what the number stands for. */
  readonly detail?: string;
}

export interface RunMeasurements {
  /** SMS acknowledged with OK. */
  readonly injected: number;
  /** SMS sent to the device, whatever it answered: the denominator of `success_rate`. */
  readonly sent: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  /** SMS the device answered KO to after every retry. */
  readonly refused: number;
  /** SMS the device never answered, and how many of those the server never accepted. */
  readonly unanswered: { readonly count: number; readonly neverDelivered: number };
  /**
   * SMS the app gave up on: dead-lettered once its retry budget ran out, by the device's own count
   * (only it knows why it stopped trying); null when its health never said. Never subtracted from
   * `lost`: a given-up SMS is missing from the ledger, so the trace counts it lost as well.
   */
  readonly gaveUp: number | null;
  readonly successRate: number | null;
  readonly latencyP95Ms: number | null;
  /** The other latency figures, from the same delivered SMS; absent where a caller measures only p95. */
  readonly latencyP50Ms?: number | null;
  readonly latencyP99Ms?: number | null;
  readonly latencyMaxMs?: number | null;
  /** How many delivered SMS the latency figures are taken from. */
  readonly latencySamples?: number;
  readonly deviceRssBytes: number | null;
  /** From the end of the load until nothing was left to deliver; null when it never drained. */
  readonly drainedWithinMs: number | null;
  /** Slope of the device's RSS after the warm-up, bytes per hour; null with too few samples. */
  readonly rssGrowthBytesPerHour?: number | null;
  /** Slope of the device's database files after the warm-up, bytes per hour. */
  readonly dbGrowthBytesPerHour?: number | null;
  /** Whether the device's screen showed what the server saw; null when not scraped. */
  readonly dashboardMatchesServer: boolean | null;
  /** What the screen got wrong, one sentence each (`--metrics appium`). */
  readonly dashboardMismatches?: readonly string[];
  /** Accepted texts that equal no injected text byte for byte, and a few of them described. */
  readonly corrupted: { readonly count: number; readonly samples: readonly string[] };
  /** The stub's signature checks; null when the scenario signs nothing (`server.secret: null`). */
  readonly signatures?: { readonly bad: number; readonly stale: number; readonly replayed: number } | null;
  /**
   * The stub's own record of its `tls: self-signed` fault: webhooks it accepted over the untrusted
   * certificate, and TLS handshakes clients refused; null when it served plain HTTP.
   */
  readonly tls?: { readonly accepted: number; readonly refusedHandshakes: number } | null;
  /**
   * What the device said last of why it did not deliver (its queue's pause reason or its last error),
   * at the end of the run; null when it said nothing. Its word only names the cause of a loss in
   * `lost`'s detail: the count is the ledger's.
   */
  readonly deviceSays?: string | null;
}

const judged = (passed: boolean): Pick<Verdict, 'result' | 'passed'> => ({ result: passed ? 'pass' : 'fail', passed });

/** A yes/no verdict: `value` null means it could not be measured, which fails it. */
export function booleanVerdict(
  name: string,
  wanted: boolean,
  value: boolean | null,
  detail: string | undefined,
): Verdict {
  const verdict = {
    name,
    expected: String(wanted),
    actual: value === null ? 'not measured' : String(value),
    value,
    ...judged(value === wanted),
  };
  return detail === undefined ? verdict : { ...verdict, detail };
}

function signaturesVerdict(wanted: boolean, signatures: RunMeasurements['signatures']): Verdict {
  if (!signatures)
    return booleanVerdict(
      'signatures_valid',
      wanted,
      null,
      'the scenario sets `server.secret: null`, so no signature was checked',
    );
  const refused = signatures.bad + signatures.stale + signatures.replayed;
  const detail =
    refused === 0
      ? 'every request carried a valid X-Signature'
      : `the server refused ${signatures.bad} missing or invalid, ${signatures.stale} stale and ${signatures.replayed} replayed signature(s)`;
  return booleanVerdict('signatures_valid', wanted, refused === 0, detail);
}

export function thresholdVerdict(
  name: string,
  threshold: Threshold,
  value: number | null,
  unmeasured: string,
  detail?: string,
): Verdict {
  if (value === null) {
    return {
      name,
      expected: threshold.text,
      actual: 'not measured',
      value: null,
      ...judged(false),
      detail: unmeasured,
    };
  }
  const verdict = {
    name,
    expected: threshold.text,
    actual: formatThresholdValue(value, threshold.unit),
    value,
    ...judged(passesThreshold(threshold, value)),
  };
  return detail === undefined ? verdict : { ...verdict, detail };
}

/**
 * Verdicts whose measure only grows as a run goes on (a count of bad events, a peak): once over its
 * bound it stays over, so even a run cut short fails it. The others can still change (a lost SMS may
 * yet be delivered, a percentile may move), so a run cut short cannot judge them.
 */
const onlyGrows: ReadonlySet<string> = new Set([
  'duplicates',
  'refused',
  'unanswered',
  'gave_up',
  'device_rss',
  'max_latency',
  'content_intact',
  'signatures_valid',
]);

/** A measured fact stays a fact in a run cut short: the drain it timed, the screen it scraped. */
const knownEarly = (verdict: Verdict): boolean =>
  verdict.value !== null && (verdict.name === 'drained_within' || verdict.name === 'dashboard_matches_server');

/** What a run cut short (`why` says how) can say of a verdict judged as if the run had ended. */
function asFarAsKnown(verdict: Verdict, why: string): Verdict {
  if (knownEarly(verdict)) return verdict;
  if (onlyGrows.has(verdict.name) && verdict.result === 'fail' && verdict.value !== null)
    return { ...verdict, detail: `${verdict.detail ?? verdict.actual}, before ${why}` };
  return { ...verdict, result: 'not-judged', passed: false, detail: `not judged: ${why} before it could be` };
}

/** The `expect` keys that hold a threshold, and those that hold a yes or no. */
type ThresholdName = {
  [K in keyof Expectations]-?: NonNullable<Expectations[K]> extends Threshold ? K : never;
}[keyof Expectations];
type BooleanName = {
  [K in keyof Expectations]-?: NonNullable<Expectations[K]> extends boolean ? K : never;
}[keyof Expectations];

/** How one `expect` entry is judged; null when the scenario does not ask for it. */
type VerdictRule = (expect: Expectations, measured: RunMeasurements) => Verdict | null;

/** How a threshold verdict reads its measure, and what it says of it. */
interface ThresholdMeasure {
  /** The measured value; null when it could not be measured, which fails the verdict. */
  readonly measure: (measured: RunMeasurements) => number | null;
  /** Why it could not be measured; counts always are. */
  readonly unmeasured?: string;
  /** What the number stands for. */
  readonly detail: (measured: RunMeasurements) => string;
}

function thresholdRule(name: ThresholdName, { measure, unmeasured = '', detail }: ThresholdMeasure): VerdictRule {
  return (expect, measured) => {
    const threshold = expect[name];
    return threshold ? thresholdVerdict(name, threshold, measure(measured), unmeasured, detail(measured)) : null;
  };
}

/** A yes/no verdict, judged by `judge` from what the scenario wants. */
function booleanRule(name: BooleanName, judge: (wanted: boolean, measured: RunMeasurements) => Verdict): VerdictRule {
  return (expect, measured) => {
    const wanted = expect[name];
    return wanted === undefined ? null : judge(wanted, measured);
  };
}

function dashboardVerdict(wanted: boolean, measured: RunMeasurements): Verdict {
  const value = measured.dashboardMatchesServer;
  const detail =
    value === null
      ? 'the health screen was not scraped: run with --metrics appium'
      : value === false && measured.dashboardMismatches?.length
        ? measured.dashboardMismatches.join('; ')
        : undefined;
  return booleanVerdict('dashboard_matches_server', wanted, value, detail);
}

function contentVerdict(wanted: boolean, measured: RunMeasurements): Verdict {
  const { count, samples } = measured.corrupted;
  const detail =
    count === 0
      ? 'every accepted text equals an injected one byte for byte'
      : `${count} accepted text(s) equal no injected text: ${samples.join('; ')}`;
  return booleanVerdict('content_intact', wanted, count === 0, detail);
}

/**
 * Under `tls: self-signed`, from the stub's record alone: nothing accepted over the untrusted
 * certificate, and at least one handshake refused, the evidence that the device tried and would not
 * send. Nothing accepted and nothing refused proves nothing, so it fails too.
 */
function tlsVerdict(wanted: boolean, tls: RunMeasurements['tls']): Verdict {
  if (!tls)
    return booleanVerdict('tls_refused', wanted, null, 'the stub served plain HTTP: the scenario has no `tls` fault');
  const { accepted, refusedHandshakes } = tls;
  const refusedAll = accepted === 0 && refusedHandshakes > 0;
  const detail =
    accepted > 0
      ? `the server accepted ${accepted} webhook(s) over a certificate no client trusts by default`
      : refusedHandshakes === 0
        ? 'the server saw no TLS handshake at all: nothing shows the device tried to send and refused'
        : `the server accepted no webhook over its untrusted certificate and saw ${refusedHandshakes} TLS handshake(s) refused`;
  return {
    ...booleanVerdict('tls_refused', wanted, refusedAll, detail),
    actual: `${accepted} accepted, ${refusedHandshakes} handshake(s) refused`,
  };
}

/** `lost`'s detail: the count, and when SMS were lost, what the device said of why (its word, for a person). */
function lostDetail(m: RunMeasurements): string {
  const count = `${m.lost} of ${m.injected} acknowledged SMS never reached the server`;
  return m.lost > 0 && m.deviceSays ? `${count}; the device says: ${m.deviceSays}` : count;
}

const tooShort = 'too few samples after the warm-up (the first 10% of the run, at least 30 s)';

/**
 * A latency verdict's detail: which figure, from what. Every figure is the nearest-rank percentile of
 * the exact latency of every delivered SMS (the trace keeps them all; no histogram, no sampling), so
 * its only error is the harness clock's millisecond.
 */
function latencyRule(name: 'p50_latency' | 'p95_latency' | 'p99_latency' | 'max_latency', figure: string) {
  const measure = {
    p50_latency: (m: RunMeasurements) => m.latencyP50Ms ?? null,
    p95_latency: (m: RunMeasurements) => m.latencyP95Ms,
    p99_latency: (m: RunMeasurements) => m.latencyP99Ms ?? null,
    max_latency: (m: RunMeasurements) => m.latencyMaxMs ?? null,
  }[name];
  return thresholdRule(name, {
    measure,
    unmeasured: 'no SMS was delivered',
    detail: (m) =>
      `${figure} of the exact latencies of ${m.latencySamples === undefined ? 'every' : m.latencySamples} delivered SMS (nearest rank, no histogram: exact to the millisecond): injection to first 2xx, on the harness's wall clock`,
  });
}

/** Every verdict, in the order the scenario format documents them. */
const verdictRules: readonly VerdictRule[] = [
  thresholdRule('lost', {
    measure: (m) => m.lost,
    detail: lostDetail,
  }),
  thresholdRule('duplicates', {
    measure: (m) => m.duplicates,
    detail: () => 'accepted under a second idempotency key',
  }),
  thresholdRule('refused', {
    measure: (m) => m.refused,
    detail: (m) => `${m.refused} of ${m.sent} SMS answered KO after every retry`,
  }),
  thresholdRule('unanswered', {
    measure: (m) => m.unanswered.count,
    detail: (m) =>
      `${m.unanswered.count} of ${m.sent} SMS got no answer from the device; ${m.unanswered.neverDelivered} of them never reached the server`,
  }),
  thresholdRule('gave_up', {
    measure: (m) => m.gaveUp,
    unmeasured: 'the device never reported its health, so nothing says how many SMS it gave up on',
    detail: (m) =>
      `${m.gaveUp} SMS dead-lettered by the app once its retry budget ran out (the device's count); each is also in lost (${m.lost})`,
  }),
  thresholdRule('success_rate', {
    measure: (m) => m.successRate,
    unmeasured: 'no SMS was sent',
    detail: (m) => `${m.delivered} of ${m.sent} SMS that reached the device delivered`,
  }),
  latencyRule('p50_latency', 'median'),
  latencyRule('p95_latency', '95th percentile'),
  latencyRule('p99_latency', '99th percentile'),
  latencyRule('max_latency', 'the largest'),
  thresholdRule('device_rss', {
    measure: (m) => m.deviceRssBytes,
    unmeasured: 'the device reported no memory figure',
    detail: () => 'peak resident set size',
  }),
  thresholdRule('drained_within', {
    measure: (m) => m.drainedWithinMs,
    unmeasured: 'the queue never drained before the drain timeout',
    detail: () => "end of load until nothing was left to deliver, on the harness's wall clock",
  }),
  thresholdRule('rss_growth', {
    measure: (m) => m.rssGrowthBytesPerHour ?? null,
    unmeasured: tooShort,
    detail: () => 'least-squares slope of device RSS',
  }),
  thresholdRule('db_growth', {
    measure: (m) => m.dbGrowthBytesPerHour ?? null,
    unmeasured: tooShort,
    detail: () => 'least-squares slope of device.sqlite + WAL',
  }),
  booleanRule('dashboard_matches_server', dashboardVerdict),
  booleanRule('content_intact', contentVerdict),
  booleanRule('signatures_valid', (wanted, m) => signaturesVerdict(wanted, m.signatures ?? null)),
  booleanRule('tls_refused', (wanted, m) => tlsVerdict(wanted, m.tls ?? null)),
];

/**
 * The verdicts each device of a fleet is also judged by, alone: what the harness measures per device
 * (its SMS in the injection log and the ledger, its own health, its own processes' memory peak). The
 * rest are the fleet's only: the drain and the growths are of the fleet as a whole, and an accepted
 * text nobody sent, a bad signature or a TLS handshake belongs to no device the server can name.
 */
export const deviceVerdictNames: ReadonlySet<string> = new Set([
  'lost',
  'duplicates',
  'refused',
  'unanswered',
  'gave_up',
  'success_rate',
  'p50_latency',
  'p95_latency',
  'p99_latency',
  'max_latency',
  'device_rss',
]);

/** One device's verdicts: the scenario's bounds, each applied to that device's own measurements. */
export function evaluateDeviceVerdicts(
  expect: Expectations,
  measured: RunMeasurements,
  cutShort: string | null = null,
): Verdict[] {
  return evaluateVerdicts(expect, measured, cutShort).filter((verdict) => deviceVerdictNames.has(verdict.name));
}

/**
 * One verdict per `expect` entry, in the order the scenario format documents them. `cutShort` says
 * why the run did not reach its end (interrupted, an error, still running); null for a run that did.
 */
export function evaluateVerdicts(
  expect: Expectations,
  measured: RunMeasurements,
  cutShort: string | null = null,
): Verdict[] {
  const verdicts = verdictRules.flatMap((rule) => rule(expect, measured) ?? []);
  return cutShort === null ? verdicts : verdicts.map((verdict) => asFarAsKnown(verdict, cutShort));
}
