import { http } from 'msw';
import { jsonAnswer } from './json-answer';
import type { Ledger, RequestOutcome } from './ledger';
import type { RequestNote, RequestNotes } from './request-notes';
import type { SignatureCheck, SignatureGuard } from './signature-guard';
import { parseWebhookPayload } from './webhook-payload';

export interface WebhookHandlerOptions {
  readonly path: string;
  /** Null: signatures are not checked. */
  readonly signatures: SignatureGuard | null;
  /** Asked which delivery of a key is the first. */
  readonly ledger: Pick<Ledger, 'claim'>;
  /** Where the handler says what it concluded, for the ledger row the server records. */
  readonly notes: RequestNotes;
}

/** The ledger outcome and the 401's reason for each signature check that fails. */
const signatureRefusals: Record<Exclude<SignatureCheck, 'valid'>, { outcome: RequestOutcome; reason: string }> = {
  invalid: { outcome: 'bad-signature', reason: 'missing or invalid X-Signature' },
  stale: { outcome: 'stale-signature', reason: 'X-Timestamp outside the accepted window' },
  replayed: { outcome: 'replayed', reason: 'this signature was already used: a replayed request' },
};

/** `POST <path>`, after the fault handlers: signature, payload, then dedupe by `Idempotency-Key`. */
export function webhookHandler(options: WebhookHandlerOptions) {
  return http.post(options.path, async ({ request }) => answerWebhook(options, request, await bodyText(request)));
}

/**
 * The body as its bytes say, a byte order mark included (Fetch's `text()` drops one, and the
 * signature is over the bytes the gateway sent).
 */
async function bodyText(request: Request): Promise<string> {
  if (request.bodyUsed)
    throw new Error(
      `the body of ${request.method} ${new URL(request.url).pathname} was read by a handler before the webhook's, which answered nothing: a handler that falls through must read request.clone()`,
    );
  return Buffer.from(await request.arrayBuffer()).toString('utf8');
}

function refuse(
  note: RequestNote,
  refusal: { status: 400 | 401; outcome: RequestOutcome; reason: string; signatureValid: boolean | null },
): Response {
  note.outcome = refusal.outcome;
  note.signatureValid = refusal.signatureValid;
  return jsonAnswer({ status: 'rejected', reason: refusal.reason }, { status: refusal.status });
}

/** Signature, payload, key, then accepted or a redelivery. */
function answerWebhook(options: WebhookHandlerOptions, request: Request, raw: string): Response {
  const note = options.notes.of(request);
  const key = request.headers.get('idempotency-key');
  const check = options.signatures?.check(request.headers.get('x-timestamp'), raw, request.headers.get('x-signature'));
  if (check !== undefined && check !== 'valid') {
    return refuse(note, { status: 401, ...signatureRefusals[check], signatureValid: false });
  }
  const signatureValid = check === 'valid' ? true : null;
  const badRequest = (reason: string) => refuse(note, { status: 400, outcome: 'bad-request', reason, signatureValid });
  const parsed = parseWebhookPayload(raw);
  if (parsed.kind === 'invalid') return badRequest(parsed.reason);
  if (key === null) return badRequest('missing Idempotency-Key header');
  if (key !== parsed.payload.messageId) {
    return badRequest(`Idempotency-Key "${key}" does not match messageId "${parsed.payload.messageId}"`);
  }
  // Claimed now, recorded once the answer is written: two concurrent deliveries of a key cannot both be first.
  const status = options.ledger.claim(key) ? 'accepted' : 'duplicate';
  note.outcome = status;
  note.signatureValid = signatureValid;
  note.payload = parsed.payload;
  return jsonAnswer({ status });
}
