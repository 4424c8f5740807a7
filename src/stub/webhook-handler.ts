import { http, HttpResponse } from 'msw';
import { abortableSleep } from './abortable-sleep.js';
import type { FaultPlan } from './fault-plan.js';
import type { Ledger, RequestOutcome } from './ledger.js';
import { verifyWebhookSignature } from './signature.js';
import { glimpsePayload, parseWebhookPayload } from './webhook-payload.js';

export interface WebhookHandlerOptions {
  readonly path: string;
  readonly plan: FaultPlan;
  /** Ms since the fault clock start, for windowed faults. */
  readonly faultClockMs: () => number;
  /** Null: signatures are not checked. */
  readonly secret: string | null;
  readonly ledger: Ledger;
  readonly hangCapMs: number;
  /** True while an outage holds the server down: a request dropped then is counted as an outage drop. */
  readonly isDown: () => boolean;
}

/** `POST <path>`: the fault plan first, then signature, payload, and dedupe by `Idempotency-Key`. */
export function webhookHandler(options: WebhookHandlerOptions) {
  const { path, plan, faultClockMs, secret, ledger, hangCapMs, isDown } = options;

  return http.post(path, async ({ request }) => {
    const arrivedAt = Date.now();
    const startedAt = performance.now();
    const raw = await request.text();
    const key = request.headers.get('idempotency-key');
    const glimpse = glimpsePayload(raw);
    const decision = plan.decide(faultClockMs());
    const faults = [...decision.applied];

    const finish = (status: number | null, outcome: RequestOutcome, signatureValid: boolean | null = null) => {
      ledger.record({
        ...glimpse,
        messageId: key ?? glimpse.messageId,
        arrivedAt,
        status,
        faults,
        signatureValid,
        outcome,
        durationMs: performance.now() - startedAt,
      });
    };
    const reject = (status: 400 | 401, reason: string, signatureValid: boolean | null) => {
      finish(status, status === 401 ? 'bad-signature' : 'bad-request', signatureValid);
      return HttpResponse.json({ status: 'rejected', reason }, { status });
    };

    if (decision.delayMs > 0 && !(await abortableSleep(decision.delayMs, request.signal))) {
      if (isDown()) faults.push('outage');
      finish(null, 'dropped');
      return HttpResponse.error();
    }
    const { answer } = decision;
    if (answer?.kind === 'status') {
      finish(answer.status, 'fault');
      const headers: Record<string, string> =
        answer.retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(answer.retryAfterMs / 1000)) };
      return HttpResponse.json({ status: 'fault', fault: `status:${answer.status}` }, { status: answer.status, headers });
    }
    if (answer?.kind === 'hang') await abortableSleep(hangCapMs, request.signal);
    if (answer) {
      finish(null, 'fault');
      return HttpResponse.error();
    }

    let signatureValid: boolean | null = null;
    if (secret !== null) {
      signatureValid = verifyWebhookSignature(secret, request.headers.get('x-timestamp'), raw, request.headers.get('x-signature'));
      if (!signatureValid) return reject(401, 'missing or invalid X-Signature', false);
    }
    const parsed = parseWebhookPayload(raw);
    if (parsed.kind === 'invalid') return reject(400, parsed.reason, signatureValid);
    if (key === null) return reject(400, 'missing Idempotency-Key header', signatureValid);
    if (key !== parsed.payload.messageId) {
      return reject(400, `Idempotency-Key "${key}" does not match messageId "${parsed.payload.messageId}"`, signatureValid);
    }
    // Checked and recorded with no await between: two concurrent deliveries of a key cannot both be first.
    const status = ledger.isAccepted(key) ? 'duplicate' : 'accepted';
    finish(200, status, signatureValid);
    return HttpResponse.json({ status });
  });
}
