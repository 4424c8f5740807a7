// What the gateway sends, built the way it builds it: for tests and for poking a running stub by hand.
import { signWebhook } from '../../src/stub/signature';
import type { WebhookPayload } from '../../android-app/src/engine/types';

/** A valid payload for SMS number `n`, with a distinct key. */
export function webhookPayload(n: number, overrides: Partial<WebhookPayload> = {}): WebhookPayload {
  return {
    messageId: `msg-${n}`,
    from: `+1555010${n % 10}`,
    text: `hello ${n} 👋`,
    receivedAt: new Date(1_700_000_000_000 + n).toISOString(),
    simSlot: 0,
    parts: 1,
    deviceId: 'virtual-1',
    seq: n,
    ...overrides,
  };
}

let lastStampMs = 0;
/** A fresh X-Timestamp (Unix ms) per call, as the gateway signs every attempt afresh. */
const freshTimestamp = (): string => String((lastStampMs = Math.max(lastStampMs + 1, Date.now())));

/** Body and headers of a webhook POST: `Idempotency-Key`, and the signature headers when a secret is given. */
export function webhookRequest(
  payload: WebhookPayload,
  secret: string | null = null,
  timestamp: string = freshTimestamp(),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': payload.messageId,
    'user-agent': 'smsgw-test',
  };
  if (secret !== null) {
    headers['x-timestamp'] = timestamp;
    headers['x-signature'] = signWebhook(secret, timestamp, body);
  }
  return { body, headers };
}
