import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config';
import { buildWebhookRequest } from './forwarder';
import type { StoredMessage } from './types';

const message: StoredMessage = {
  id: 1,
  messageId: '0123456789abcdef0123456789abcdef',
  sender: '+46700000001',
  body: 'Hej 😀 "quoted"\nline',
  parts: 2,
  receivedAt: Date.UTC(2025, 5, 15, 11, 59, 30, 123),
  simSlot: 1,
  seq: 42,
  status: 'sending',
  attempts: 1,
  nextAttemptAt: 0,
  leaseUntil: null,
  lastError: null,
  lastErrorCategory: null,
  httpStatus: null,
  deliveredAt: null,
  createdAt: 0,
  latencyMs: null,
};
const config = resolveConfig({
  webhookUrl: 'https://hooks.example/sms',
  deviceId: 'dev-1',
  secret: 'k3y',
  version: '1.2.3',
});
const now = Date.UTC(2025, 5, 15, 12, 0, 0, 999);

describe('buildWebhookRequest', () => {
  it('posts the JSON body of the wire contract to the webhook URL', () => {
    const request = buildWebhookRequest(message, config, now);
    expect(request.url).toBe('https://hooks.example/sms');
    expect(request.timeoutMs).toBe(config.requestTimeoutMs);
    expect(JSON.parse(request.body)).toEqual({
      messageId: message.messageId,
      from: '+46700000001',
      text: 'Hej 😀 "quoted"\nline',
      receivedAt: '2025-06-15T11:59:30.123Z',
      simSlot: 1,
      parts: 2,
      deviceId: 'dev-1',
      seq: 42,
    });
  });

  it("adds the receiving SIM's subscription id and number when the phone knew them, and leaves them out otherwise", () => {
    const known = { ...message, subscriptionId: 3, receivedOn: '+46700000099' };
    expect(JSON.parse(buildWebhookRequest(known, config, now).body)).toMatchObject({
      subscriptionId: 3,
      receivedOn: '+46700000099',
    });
    const unknown = JSON.parse(
      buildWebhookRequest({ ...message, subscriptionId: null, receivedOn: null }, config, now).body,
    );
    expect(unknown).not.toHaveProperty('subscriptionId');
    expect(unknown).not.toHaveProperty('receivedOn');
  });

  it('sends the idempotency key, unix-seconds timestamp, content type and user agent', () => {
    expect(buildWebhookRequest(message, config, now).headers).toMatchObject({
      'Content-Type': 'application/json',
      'Idempotency-Key': message.messageId,
      'X-Timestamp': String(now),
      'User-Agent': 'smsgw-gateway/1.2.3',
    });
  });

  it('signs timestamp + "." + body with HMAC-SHA256, verifiable with node:crypto', () => {
    const { headers, body } = buildWebhookRequest(message, config, now);
    const expected = createHmac('sha256', 'k3y').update(`${headers['X-Timestamp']}.${body}`).digest('hex');
    expect(headers['X-Signature']).toBe(`sha256=${expected}`);
  });

  it('sends no X-Signature when no secret is configured', () => {
    expect(buildWebhookRequest(message, { ...config, secret: null }, now).headers).not.toHaveProperty('X-Signature');
    expect(buildWebhookRequest(message, { ...config, secret: '' }, now).headers).not.toHaveProperty('X-Signature');
  });
});
