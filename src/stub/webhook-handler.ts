import { HttpResponse } from 'msw';
import { abortableSleep, abortableSleepUntil } from './abortable-sleep';
import type { AnswerTimes } from './answer-times';
import { exactPost } from './exact-path-handler';
import type { FaultPlan } from './fault-plan';
import type { Ledger, RequestOutcome } from './ledger';
import type { SignatureGuard } from './signature-guard';
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

/** `POST <path>`: the fault plan first, then signature, payload, and dedupe by `Idempotency-Key`. */
export function webhookHandler(options: WebhookHandlerOptions) {
  const { path, plan, faultClockMs, signatures, ledger, hangCapMs, isDown, answers } = options;

  return exactPost(path, async ({ request }) => {
    const arrivedAt = Date.now();
    const startedAt = performance.now();
    const raw = await request.text();
    const key = request.headers.get('idempotency-key');
    const decision = plan.decide(faultClockMs());
    const faults = [...decision.applied];

    // An accepted body is parsed once, by the validator; only the others are glimpsed at.
    // Returns the row's id: a row answered with a status gets its answered_at when the server writes
    // the response (`answers.pair`), a few microtasks after this, not when the handler returns it.
    const finish = (
      status: number | null,
      outcome: RequestOutcome,
      signatureValid: boolean | null = null,
      glimpse: PayloadGlimpse = glimpsePayload(raw),
    ): number =>
      ledger.record({
        from: glimpse.from,
        text: glimpse.text,
        deviceId: glimpse.deviceId,
        seq: glimpse.seq,
        messageId: key ?? glimpse.messageId,
        arrivedAt,
        status,
        faults,
        signatureValid,
        outcome,
        durationMs: performance.now() - startedAt,
      });
    const reject = (status: 400 | 401, outcome: RequestOutcome, reason: string, signatureValid: boolean | null) => {
      const rowId = finish(status, outcome, signatureValid);
      return answers.pair(jsonResponse({ status: 'rejected', reason }, { status }), rowId);
    };

    // Counted from arrival on the ledger's own clock, so answered_at − arrived_at is never below the delay.
    if (decision.delayMs > 0 && !(await abortableSleepUntil(arrivedAt + decision.delayMs, request.signal))) {
      if (isDown()) faults.push('outage');
      finish(null, 'dropped');
      return HttpResponse.error();
    }
    const { answer } = decision;
    if (answer?.kind === 'status') {
      const rowId = finish(answer.status, 'fault');
      const headers: Record<string, string> =
        answer.retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(answer.retryAfterMs / 1000)) };
      return answers.pair(
        jsonResponse({ status: 'fault', fault: `status:${answer.status}` }, { status: answer.status, headers }),
        rowId,
      );
    }
    if (answer?.kind === 'hang') await abortableSleep(hangCapMs, request.signal);
    if (answer) {
      finish(null, 'fault');
      return HttpResponse.error();
    }

    let signatureValid: boolean | null = null;
    if (signatures !== null) {
      const verdict = signatures.check(request.headers.get('x-timestamp'), raw, request.headers.get('x-signature'));
      if (verdict === 'invalid') return reject(401, 'bad-signature', 'missing or invalid X-Signature', false);
      if (verdict === 'stale') return reject(401, 'stale-signature', 'X-Timestamp outside the accepted window', false);
      if (verdict === 'replayed')
        return reject(401, 'replayed', 'this signature was already used: a replayed request', false);
      signatureValid = true;
    }
    const parsed = parseWebhookPayload(raw);
    if (parsed.kind === 'invalid') return reject(400, 'bad-request', parsed.reason, signatureValid);
    if (key === null) return reject(400, 'bad-request', 'missing Idempotency-Key header', signatureValid);
    if (key !== parsed.payload.messageId) {
      return reject(
        400,
        'bad-request',
        `Idempotency-Key "${key}" does not match messageId "${parsed.payload.messageId}"`,
        signatureValid,
      );
    }
    // Checked and recorded with no await between: two concurrent deliveries of a key cannot both be first.
    const status = ledger.isAccepted(key) ? 'duplicate' : 'accepted';
    const rowId = finish(200, status, signatureValid, parsed.payload);
    return answers.pair(jsonResponse({ status }), rowId);
  });
}
