// The wire (docs/architecture.md, "The wire contract"): one signed JSON POST per message.
import type { EngineConfig } from './config';
import type { HttpRequest } from './ports';
import { hmacSha256Hex } from './sha256';
import type { StoredMessage, WebhookPayload } from './types';

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`: the timestamp is signed so a replay can be refused. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

export function toWebhookPayload(message: StoredMessage, deviceId: string): WebhookPayload {
  return {
    messageId: message.messageId,
    from: message.sender,
    text: message.body,
    receivedAt: new Date(message.receivedAt).toISOString(),
    simSlot: message.simSlot,
    parts: message.parts,
    deviceId,
    seq: message.seq,
    // Left out when unknown rather than sent as null: a payload without them is the contract's older shape.
    ...(message.subscriptionId != null ? { subscriptionId: message.subscriptionId } : {}),
    ...(message.receivedOn != null ? { receivedOn: message.receivedOn } : {}),
  };
}

/** The POST for one message; no X-Signature when no secret is configured. */
export function buildWebhookRequest(message: StoredMessage, config: EngineConfig, nowMs: number): HttpRequest {
  const body = JSON.stringify(toWebhookPayload(message, config.deviceId));
  // Unix ms, not seconds: two attempts of one message then never carry the same signature, so a
  // server can refuse an exact repeat of a signed request as a replay without refusing our retries.
  const timestamp = String(nowMs);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Idempotency-Key': message.messageId,
    'X-Timestamp': timestamp,
    'User-Agent': `smsgw-gateway/${config.version}`,
  };
  if (config.secret) headers['X-Signature'] = signWebhook(config.secret, timestamp, body);
  return { url: config.webhookUrl, headers, body, timeoutMs: config.requestTimeoutMs };
}
