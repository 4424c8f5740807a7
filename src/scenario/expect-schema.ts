// expect: the verdicts; each becomes a pass/fail line in the report.
import { z } from 'zod';
import { threshold } from './fields';

/**
 * Nothing lost, duplicated, refused, left unanswered or given up is the point of a gateway, so those
 * five hold unless overridden.
 */
export const expectationsSchema = z.strictObject({
  lost: threshold('lost', 'count', '<=')
    .prefault(0)
    .describe('SMS never delivered to the server; a bare number means "at most" (default 0).'),
  duplicates: threshold('duplicates', 'count', '<=')
    .prefault(0)
    .describe('SMS the server received more than once in effect; a bare number means "at most" (default 0).'),
  refused: threshold('refused', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS the device answered KO to on its console, after retries; a bare number means "at most" (default 0). A scenario that makes the device refuse on purpose (`disk: full`) says how many it allows.',
    ),
  unanswered: threshold('unanswered', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS whose console line got no answer (a timeout, a connection the device closed, a device that died unasked); only a chaos step\'s ordered kill makes an SMS in doubt instead. A bare number means "at most" (default 0).',
    ),
  gave_up: threshold('gave_up', 'count', '<=')
    .prefault(0)
    .describe(
      'SMS the app gave up on: dead-lettered once its retry budget ran out (50 attempts, or 3 days since it was stored), as the device counts them. Each is lost as well: the count names the cause, it never excuses the loss. A bare number means "at most" (default 0).',
    ),
  success_rate: threshold('success_rate', 'ratio', '>=')
    .optional()
    .describe(
      'SMS the server accepted / SMS that reached the device (acknowledged, refused, unanswered, and in-doubt ones the server got), e.g. ">= 95%"; a bare value means "at least".',
    ),
  p95_latency: threshold('p95_latency', 'ms', '<=')
    .optional()
    .describe('95th percentile of receive → server 2xx, e.g. "< 2s".'),
  device_rss: threshold('device_rss', 'bytes', '<=')
    .optional()
    .describe('Peak resident memory of the gateway, e.g. "< 200MB" (1 MB = 1,000,000 B).'),
  drained_within: threshold('drained_within', 'ms', '<=')
    .optional()
    .describe('Time from the last SMS sent until the queue is empty, e.g. 2m (a bare value means "at most").'),
  rss_growth: threshold('rss_growth', 'bytesPerHour', '<=')
    .optional()
    .describe('Growth of the gateway\'s resident memory after a warm-up (least-squares slope), e.g. "< 5MB/h".'),
  db_growth: threshold('db_growth', 'bytesPerHour', '<=')
    .optional()
    .describe('Growth of the device\'s database files (queue and WAL) after a warm-up, e.g. "< 50MB/h".'),
  dashboard_matches_server: z.boolean().optional().describe('The dashboard totals equal the stub ledger at the end.'),
  content_intact: z
    .boolean()
    .default(true)
    .describe(
      'Every text the server accepted equals an injected text byte for byte (default true: a mangled text fails the run).',
    ),
  signatures_valid: z
    .boolean()
    .optional()
    .describe('Every webhook request carried a valid, fresh and unreplayed X-Signature (needs `server.secret`).'),
  tls_refused: z
    .boolean()
    .optional()
    .describe(
      'Under a `{ tls: self-signed }` fault: the server accepted no webhook over its untrusted certificate, and refused at least one TLS handshake, so the device tried and would not send. Default true with that fault; without it there is nothing to judge, and naming it is a mistake.',
    ),
});
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
