// expect: the verdicts; each becomes a pass/fail line in the report.
import { z } from 'zod';
import { expected, safeParseThreshold, type Threshold, type ThresholdOp, type ThresholdUnit } from '../units';
import { threshold } from './fields';

/**
 * The verdicts the run judges on every sample while it goes on, so one may stop it (`abort_on_fail`):
 * each measures what can only grow, so a bound it is already over stays failed whatever comes next.
 * Verdict names, as in the report; `max_latency` is written `latency.max`.
 */
export const abortableVerdicts = [
  'lost',
  'duplicates',
  'refused',
  'unanswered',
  'gave_up',
  'max_latency',
  'device_rss',
  'content_intact',
  'signatures_valid',
] as const;
export type AbortableVerdict = (typeof abortableVerdicts)[number];

/** How the scenario names a verdict: `max_latency` is written `latency.max`. */
const writtenName = (verdict: string): string => (verdict === 'max_latency' ? 'latency.max' : verdict);
const abortableNames = abortableVerdicts.map(writtenName);

/** A verdict's bound as the scenario wrote it, and whether its failure stops the run at once. */
interface Written<T> {
  readonly bound: T;
  readonly abortOnFail: boolean;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A bound written bare (`lost: 0`) or as a map that may stop the run on its failure
 * (`lost: { threshold: 0, abort_on_fail: true }`, as k6 writes it). `message` words an input that is
 * neither, as the bare form alone would.
 */
function abortable<S extends z.ZodType>(bare: S, message: (input: unknown) => string) {
  const map = z.strictObject({
    threshold: bare,
    abort_on_fail: z
      .boolean()
      .optional()
      .describe(
        `Stop the run the moment this verdict fails mid-run: the load stops, nothing drains, exit 1. Only on ${abortableNames.join(', ')}.`,
      ),
  });
  return z.union([bare, map], { error: (issue) => message(issue.input) }).transform((written): Written<z.output<S>> => {
    if (isMap(written) && 'threshold' in written) {
      const form = written as { threshold: z.output<S>; abort_on_fail?: boolean };
      return { bound: form.threshold, abortOnFail: form.abort_on_fail === true };
    }
    return { bound: written as z.output<S>, abortOnFail: false };
  });
}

/** A threshold verdict, bare or with `abort_on_fail`. */
function bound(name: string, unit: ThresholdUnit, defaultOp: ThresholdOp) {
  return abortable(threshold(name, unit, defaultOp), (input) => {
    const parsed = safeParseThreshold(input, { name, unit, defaultOp });
    return parsed.ok ? 'Invalid value' : parsed.message;
  });
}

/** A yes/no verdict, bare or with `abort_on_fail`. */
function yesNo(name: string) {
  return abortable(z.boolean(), (input) => expected(name, 'true or false', input));
}

const latencyNote = 'receive → server 2xx, on the harness\'s wall clock, e.g. "< 2s"';

/** `latency: { p50, p95, p99, max }`: each judged on the same latencies as `p95_latency`. */
const latencySchema = z
  .strictObject({
    p50: bound('latency.p50', 'ms', '<=').optional().describe(`Median of ${latencyNote}.`),
    p95: bound('latency.p95', 'ms', '<=')
      .optional()
      .describe(`95th percentile of ${latencyNote}; the same verdict as \`p95_latency\`, so name only one.`),
    p99: bound('latency.p99', 'ms', '<=').optional().describe(`99th percentile of ${latencyNote}.`),
    max: bound('latency.max', 'ms', '<=')
      .optional()
      .describe(
        `The slowest SMS of ${latencyNote}; it can only grow, so it may carry \`abort_on_fail\` (judged on the SMS delivered so far).`,
      ),
  })
  .describe('Latency percentiles and the maximum; verdicts p50_latency, p95_latency, p99_latency and max_latency.');

/**
 * Nothing lost, duplicated, refused, left unanswered or given up is the point of a gateway, so those
 * five hold unless overridden.
 */
const writtenSchema = z.strictObject({
  lost: bound('lost', 'count', '<=')
    .prefault(0)
    .describe('SMS never delivered to the server; a bare number means "at most" (default 0).'),
  duplicates: bound('duplicates', 'count', '<=')
    .prefault(0)
    .describe('SMS the server received more than once in effect; a bare number means "at most" (default 0).'),
  refused: bound('refused', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS the device answered KO to on its console, after retries; a bare number means "at most" (default 0). A scenario that makes the device refuse on purpose (`disk: full`) says how many it allows.',
    ),
  unanswered: bound('unanswered', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS whose console line got no answer (a timeout, a connection the device closed, a device that died unasked); only a chaos step\'s ordered kill makes an SMS in doubt instead. A bare number means "at most" (default 0).',
    ),
  gave_up: bound('gave_up', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS the app gave up on: dead-lettered once its retry budget ran out (50 attempts, or 3 days since it was stored), as the device counts them. Each is lost as well: the count names the cause, it never excuses the loss. A bare number means "at most" (default 0).',
    ),
  success_rate: bound('success_rate', 'ratio', '>=')
    .optional()
    .describe(
      'SMS the server accepted / SMS that reached the device (acknowledged, refused, unanswered, and in-doubt ones the server got), e.g. ">= 95%"; a bare value means "at least".',
    ),
  p95_latency: bound('p95_latency', 'ms', '<=')
    .optional()
    .describe('95th percentile of receive → server 2xx, e.g. "< 2s" (or `latency: { p95 }`, not both).'),
  latency: latencySchema.optional(),
  device_rss: bound('device_rss', 'bytes', '<=')
    .optional()
    .describe('Peak resident memory of the gateway, e.g. "< 200MB" (1 MB = 1,000,000 B).'),
  drained_within: bound('drained_within', 'ms', '<=')
    .optional()
    .describe('Time from the last SMS sent until the queue is empty, e.g. 2m (a bare value means "at most").'),
  rss_growth: bound('rss_growth', 'bytesPerHour', '<=')
    .optional()
    .describe('Growth of the gateway\'s resident memory after a warm-up (least-squares slope), e.g. "< 5MB/h".'),
  db_growth: bound('db_growth', 'bytesPerHour', '<=')
    .optional()
    .describe('Growth of the device\'s database files (queue and WAL) after a warm-up, e.g. "< 50MB/h".'),
  dashboard_matches_server: z.boolean().optional().describe('The dashboard totals equal the stub ledger at the end.'),
  content_intact: yesNo('content_intact')
    .prefault(true)
    .describe(
      'Every text the server accepted equals an injected text byte for byte (default true: a mangled text fails the run).',
    ),
  signatures_valid: yesNo('signatures_valid')
    .optional()
    .describe('Every webhook request carried a valid, fresh and unreplayed X-Signature (needs `server.secret`).'),
  tls_refused: z
    .boolean()
    .optional()
    .describe(
      'Under a `{ tls: self-signed }` fault: the server accepted no webhook over its untrusted certificate, and refused at least one TLS handshake, so the device tried and would not send. Default true with that fault; without it there is nothing to judge, and naming it is a mistake.',
    ),
});
type WrittenExpectations = z.output<typeof writtenSchema>;

/** What a written entry means: its bound, whatever form it was written in. */
type Settled<V> = V extends Written<infer B> ? B : V;

/** The expectations the run judges: one key per verdict, named as the report names it. */
type SettledExpectations = {
  [K in Exclude<keyof WrittenExpectations, 'latency'>]: Settled<WrittenExpectations[K]>;
} & {
  p50_latency?: Threshold;
  p99_latency?: Threshold;
  max_latency?: Threshold;
  /** The verdicts that stop the run the moment they fail mid-run; absent when none does. */
  abortOnFail?: readonly AbortableVerdict[];
};

/** Where each `latency` entry lands: the verdict it is, by the report's name. */
const latencyVerdicts = { p50: 'p50_latency', p95: 'p95_latency', p99: 'p99_latency', max: 'max_latency' } as const;

/** `p95_latency` and `latency.p95` are one verdict: naming both would judge it twice, maybe with two bounds. */
function checkP95Once(written: WrittenExpectations, context: z.RefinementCtx): void {
  if (written.p95_latency === undefined || written.latency?.p95 === undefined) return;
  context.addIssue({
    code: 'custom',
    path: ['latency', 'p95'],
    message:
      'Expected the 95th percentile once: `p95_latency` and `latency.p95` are the same verdict (p95_latency); keep one of them',
    input: written.latency.p95.bound,
  });
}

/** Each written entry by the name the report gives its verdict, and the name the scenario gave it. */
function entriesOf(written: WrittenExpectations): { verdict: string; path: string[]; entry: unknown }[] {
  const { latency, ...rest } = written;
  return [
    ...Object.entries(rest).map(([key, entry]) => ({ verdict: key, path: [key], entry })),
    ...Object.entries(latency ?? {}).map(([key, entry]) => ({
      verdict: latencyVerdicts[key as keyof typeof latencyVerdicts],
      path: ['latency', key],
      entry,
    })),
  ];
}

const isWritten = (entry: unknown): entry is Written<unknown> => isMap(entry) && 'abortOnFail' in entry;
const isAbortable = (verdict: string): verdict is AbortableVerdict =>
  (abortableVerdicts as readonly string[]).includes(verdict);

/**
 * `abort_on_fail` only on a verdict judged on every sample: a percentile, a rate or a drain time can
 * still move either way until the run ends, so a failure mid-run says nothing of the end.
 */
function checkAbortable(written: WrittenExpectations, context: z.RefinementCtx): void {
  const can = abortableNames.map((name) => `\`${name}\``);
  for (const { verdict, path, entry } of entriesOf(written)) {
    if (!isWritten(entry) || !entry.abortOnFail || isAbortable(verdict)) continue;
    context.addIssue({
      code: 'custom',
      path: [...path, 'abort_on_fail'],
      message: `Expected \`abort_on_fail\` only on a verdict judged while the run goes on (${can.slice(0, -1).join(', ')} or ${can.at(-1)!}): \`${path.join('.')}\` can only be judged once the run has ended`,
      input: true,
    });
  }
}

/** Every verdict by its report name, with its bound; the ones that stop the run listed apart. */
function settle(written: WrittenExpectations): SettledExpectations {
  const settled: Record<string, unknown> = {};
  const abortOnFail: AbortableVerdict[] = [];
  for (const { verdict, entry } of entriesOf(written)) {
    if (entry === undefined) continue;
    if (!isWritten(entry)) {
      settled[verdict] = entry;
      continue;
    }
    settled[verdict] = entry.bound;
    if (entry.abortOnFail && isAbortable(verdict)) abortOnFail.push(verdict);
  }
  // Only when one does, so expectations without it read as they always have.
  if (abortOnFail.length > 0) settled.abortOnFail = abortableVerdicts.filter((name) => abortOnFail.includes(name));
  return settled as SettledExpectations;
}

export const expectationsSchema = writtenSchema
  .check(z.superRefine(checkP95Once))
  .check(z.superRefine(checkAbortable))
  .transform(settle);
export type Expectations = z.output<typeof expectationsSchema>;

/**
 * `tls_refused` judges the stub's `{ tls: self-signed }` fault: without one the stub serves plain
 * HTTP, there is no certificate to refuse, and the verdict would judge nothing, so naming it is a
 * mistake in the scenario (without the fault the verdict simply does not appear).
 */
export function checkTlsVerdict(
  scenario: { server: { faults: readonly { kind: string }[] }; expect: { tls_refused?: boolean | undefined } },
  context: z.RefinementCtx,
): void {
  if (scenario.expect.tls_refused === undefined) return;
  if (scenario.server.faults.some((fault) => fault.kind === 'tls')) return;
  context.addIssue({
    code: 'custom',
    path: ['expect', 'tls_refused'],
    message:
      'Expected `tls_refused` only with a `{ tls: self-signed }` fault in `server.faults`: without one the stub serves plain HTTP and there is no certificate to refuse',
    input: scenario.expect.tls_refused,
  });
}
