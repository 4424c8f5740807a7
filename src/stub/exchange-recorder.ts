// The ledger row of every request the stub served, made at the server, around msw's `getResponse`:
// the request that went in and the answer that came out, whoever gave it (a fault, the webhook
// handler, a user's handler, a throw). The built-in handlers leave a note of what they concluded; a
// request a user's handler answered is judged by its answer: a 2xx to a valid webhook body is an
// acceptance (that is what a 2xx means to a gateway), anything else is recorded as the handler's.
import type { Ledger, LedgerRow, RequestOutcome } from './ledger';
import type { Exchange } from './msw-http-server';
import type { RequestNotes } from './request-notes';
import { glimpsePayload, parseWebhookPayload, type PayloadGlimpse } from './webhook-payload';

export interface ExchangeRecorderOptions {
  readonly ledger: Ledger;
  readonly notes: RequestNotes;
  /** Requests under it (the control endpoints) are never recorded. */
  readonly controlPrefix: string;
}

/** Records each exchange in the ledger; control requests and requests no handler answered (404) are left out. */
export function createExchangeRecorder({ ledger, notes, controlPrefix }: ExchangeRecorderOptions) {
  return (exchange: Exchange): void => {
    const { request, response, threw } = exchange;
    if ((response === null && !threw) || new URL(request.url).pathname.startsWith(controlPrefix)) return;
    const note = notes.find(request);
    const key = request.headers.get('idempotency-key');
    const status = response === null || response.type === 'error' ? null : response.status;
    const judged: { outcome: RequestOutcome; glimpse: PayloadGlimpse | null } =
      threw || response === null
        ? { outcome: 'handler-error', glimpse: null }
        : note?.outcome
          ? { outcome: note.outcome, glimpse: note.payload }
          : judgeAnswer(ledger, status, key, exchange.body);
    const glimpse = judged.glimpse ?? glimpsePayload(bodyText(exchange.body));
    const row: LedgerRow = {
      messageId: key ?? glimpse.messageId,
      arrivedAt: exchange.arrivedAt,
      answeredAt: exchange.writtenAt,
      from: glimpse.from,
      text: glimpse.text,
      deviceId: glimpse.deviceId,
      seq: glimpse.seq,
      status: threw ? 500 : status,
      faults: note?.faults ?? [],
      signatureValid: note?.signatureValid ?? null,
      outcome: judged.outcome,
      durationMs: exchange.durationMs,
    };
    ledger.record(row);
  };
}

const bodyText = (body: Buffer | null): string => body?.toString('utf8') ?? '';

/** An answer no built-in handler gave: a 2xx to a valid webhook body accepts it (once per key). */
function judgeAnswer(
  ledger: Ledger,
  status: number | null,
  key: string | null,
  body: Buffer | null,
): { outcome: RequestOutcome; glimpse: PayloadGlimpse | null } {
  if (status === null || status < 200 || status > 299) return { outcome: 'handler', glimpse: null };
  const parsed = parseWebhookPayload(bodyText(body));
  if (parsed.kind === 'invalid') return { outcome: 'handler', glimpse: null };
  const glimpse = parsed.payload;
  return { outcome: ledger.claim(key ?? glimpse.messageId) ? 'accepted' : 'duplicate', glimpse };
}
