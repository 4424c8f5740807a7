import { HttpResponse } from 'msw';
import { abortableSleep, abortableSleepUntil } from './abortable-sleep';
import type { AnswerTimes } from './answer-times';
import { exactPost } from './exact-path-handler';
import type { FaultDecision, FaultPlan } from './fault-plan';
import type { Ledger, RequestOutcome } from './ledger';
import type { SignatureCheck, SignatureGuard } from './signature-guard';
import { jsonResponse } from './json-response';
import { glimpsePayload, parseWebhookPayload, type PayloadGlimpse } from './webhook-payload';

export interface WebhookHandlerOptions {
  readonly path: string;
  readonly plan: FaultPlan;
  /** Ms since the fault clock start, for windowed faults. */
  readonly faultClockMs: () => number;
  /** Null: signatures are not checked. */
  readonly signatures: SignatureGuard | null;
  readonly ledger: Ledger;
  readonly hangCapMs: number;
  /** True while an outage holds the server down: a request dropped then is counted as an outage drop. */
  readonly isDown: () => boolean;
  /** Gets each answered row its answer time, when the server writes the response. */
  readonly answers: AnswerTimes;
}

/** One webhook request on its way through the handler: what arrived, and what fired on it so far. */
interface Arrival {
  readonly request: Request;
  /** Epoch ms, the ledger's clock. */
  readonly arrivedAt: number;
  /** `performance.now()` at arrival, for the row's duration. */
  readonly startedAt: number;
  readonly raw: string;
  readonly key: string | null;
  /** What fired, for the ledger; an outage drop is added while the request waits. */
  readonly faults: string[];
}

/** `POST <path>`: the fault plan first, then signature, payload, and dedupe by `Idempotency-Key`. */
export function webhookHandler(options: WebhookHandlerOptions) {
  return exactPost(options.path, ({ request }) => handleWebhook(options, request));
}

async function handleWebhook(options: WebhookHandlerOptions, request: Request): Promise<Response> {
  const arrivedAt = Date.now();
  const startedAt = performance.now();
  const raw = await request.text();
  const key = request.headers.get('idempotency-key');
  const decision = options.plan.decide(options.faultClockMs());
  const arrival: Arrival = { request, arrivedAt, startedAt, raw, key, faults: [...decision.applied] };
  return (await answerFault(options, arrival, decision)) ?? answerWebhook(options, arrival);
}

/**
 * Records the request's ledger row and returns its id. A row answered with a status gets its
 * answered_at when the server writes the response (`answers.pair`), a few microtasks after this, not
 * when the handler returns it. An accepted body is parsed once, by the validator, and passed as
 * `glimpse`; only the others are glimpsed at.
 */
function record(
  { ledger }: WebhookHandlerOptions,
  arrival: Arrival,
  row: { status: number | null; outcome: RequestOutcome; signatureValid?: boolean | null; glimpse?: PayloadGlimpse },
): number {
  const { status, outcome, signatureValid = null, glimpse = glimpsePayload(arrival.raw) } = row;
  return ledger.record({
    from: glimpse.from,
    text: glimpse.text,
    deviceId: glimpse.deviceId,
    seq: glimpse.seq,
    messageId: arrival.key ?? glimpse.messageId,
    arrivedAt: arrival.arrivedAt,
    status,
    faults: arrival.faults,
    signatureValid,
    outcome,
    durationMs: performance.now() - arrival.startedAt,
  });
}

function reject(
  options: WebhookHandlerOptions,
  arrival: Arrival,
  refusal: { status: 400 | 401; outcome: RequestOutcome; reason: string; signatureValid: boolean | null },
): Response {
  const { status, outcome, reason, signatureValid } = refusal;
  const rowId = record(options, arrival, { status, outcome, signatureValid });
  return options.answers.pair(jsonResponse({ status: 'rejected', reason }, { status }), rowId);
}

/** Waits out the delay faults, then answers for a fault that fired; null: carry on to normal handling. */
async function answerFault(
  options: WebhookHandlerOptions,
  arrival: Arrival,
  decision: FaultDecision,
): Promise<Response | null> {
  const { request, arrivedAt } = arrival;
  // Counted from arrival on the ledger's own clock, so answered_at − arrived_at is never below the delay.
  if (decision.delayMs > 0 && !(await abortableSleepUntil(arrivedAt + decision.delayMs, request.signal))) {
    if (options.isDown()) arrival.faults.push('outage');
    record(options, arrival, { status: null, outcome: 'dropped' });
    return HttpResponse.error();
  }
  const { answer } = decision;
  if (answer === null) return null;
  if (answer.kind === 'status') {
    const rowId = record(options, arrival, { status: answer.status, outcome: 'fault' });
    const headers: Record<string, string> =
      answer.retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(answer.retryAfterMs / 1000)) };
    const body = { status: 'fault', fault: `status:${answer.status}` };
    return options.answers.pair(jsonResponse(body, { status: answer.status, headers }), rowId);
  }
  if (answer.kind === 'hang') await abortableSleep(options.hangCapMs, request.signal);
  record(options, arrival, { status: null, outcome: 'fault' });
  return HttpResponse.error();
}

/** The ledger outcome and the 401's reason for each signature check that fails. */
const signatureRefusals: Record<Exclude<SignatureCheck, 'valid'>, { outcome: RequestOutcome; reason: string }> = {
  invalid: { outcome: 'bad-signature', reason: 'missing or invalid X-Signature' },
  stale: { outcome: 'stale-signature', reason: 'X-Timestamp outside the accepted window' },
  replayed: { outcome: 'replayed', reason: 'this signature was already used: a replayed request' },
};

/** Signature, payload, key, then accepted or a redelivery. */
function answerWebhook(options: WebhookHandlerOptions, arrival: Arrival): Response {
  const { request, raw, key } = arrival;
  const check = options.signatures?.check(request.headers.get('x-timestamp'), raw, request.headers.get('x-signature'));
  if (check !== undefined && check !== 'valid') {
    return reject(options, arrival, { status: 401, ...signatureRefusals[check], signatureValid: false });
  }
  const signatureValid = check === 'valid' ? true : null;
  const badRequest = (reason: string) =>
    reject(options, arrival, { status: 400, outcome: 'bad-request', reason, signatureValid });
  const parsed = parseWebhookPayload(raw);
  if (parsed.kind === 'invalid') return badRequest(parsed.reason);
  if (key === null) return badRequest('missing Idempotency-Key header');
  if (key !== parsed.payload.messageId) {
    return badRequest(`Idempotency-Key "${key}" does not match messageId "${parsed.payload.messageId}"`);
  }
  // Checked and recorded with no await between: two concurrent deliveries of a key cannot both be first.
  const status = options.ledger.isAccepted(key) ? 'duplicate' : 'accepted';
  const rowId = record(options, arrival, { status: 200, outcome: status, signatureValid, glimpse: parsed.payload });
  return options.answers.pair(jsonResponse({ status }), rowId);
}
