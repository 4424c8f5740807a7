// "Send test webhook": one synthetic message through the real request builder, transport and
// classifier, so Settings shows exactly what the dispatcher would decide.
import {
  buildWebhookRequest,
  classifyResult,
  type EngineConfig,
  type HttpTransport,
  type SendOutcome,
} from '../engine';
import type { StoredMessage } from '../engine/types';

export function testMessage(nowMs: number): StoredMessage {
  return {
    id: 0,
    // Unique per press, so a server that deduplicates by Idempotency-Key still answers each test.
    messageId: `test-${nowMs.toString(36)}`,
    sender: 'smsgw-test',
    body: 'Test webhook from the smsgw app',
    parts: 1,
    receivedAt: nowMs,
    simSlot: 0,
    seq: 0,
    status: 'sending',
    attempts: 0,
    nextAttemptAt: nowMs,
    leaseUntil: null,
    lastError: null,
    lastErrorCategory: null,
    httpStatus: null,
    deliveredAt: null,
    createdAt: nowMs,
    latencyMs: null,
  };
}

export async function sendTestWebhook(
  transport: HttpTransport,
  config: EngineConfig,
  nowMs: number,
): Promise<SendOutcome> {
  const result = await transport.post(buildWebhookRequest(testMessage(nowMs), config, nowMs));
  return classifyResult(result, nowMs);
}
