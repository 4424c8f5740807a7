import { describe, expect, it } from 'vitest';
import { glimpsePayload, parseWebhookPayload } from './webhook-payload';

const valid = {
  messageId: 'm-1',
  from: '+15550100',
  text: 'hello 👋',
  receivedAt: '2024-01-01T00:00:00.000Z',
  simSlot: 0,
  parts: 1,
  deviceId: 'virtual-1',
  seq: 7,
};

describe('parseWebhookPayload', () => {
  it('accepts a complete payload', () => {
    expect(parseWebhookPayload(JSON.stringify(valid))).toEqual({ kind: 'ok', payload: valid });
  });

  it("accepts a phone's optional receiving SIM details, and names a mistyped one", () => {
    const withSim = { ...valid, subscriptionId: 2, receivedOn: '+15550199' };
    expect(parseWebhookPayload(JSON.stringify(withSim))).toEqual({ kind: 'ok', payload: withSim });
    const result = parseWebhookPayload(JSON.stringify({ ...valid, subscriptionId: '2' }));
    expect(result).toEqual({
      kind: 'invalid',
      reason: 'expected `subscriptionId` to be an integer or absent, got "2"',
    });
  });

  it('rejects malformed JSON', () => {
    expect(parseWebhookPayload('{"messageId":')).toEqual({ kind: 'invalid', reason: 'body is not a JSON object' });
    expect(parseWebhookPayload('[1]').kind).toBe('invalid');
  });

  it('names every missing or mistyped field', () => {
    const { messageId: _m, ...rest } = valid;
    const result = parseWebhookPayload(JSON.stringify({ ...rest, parts: 0 }));
    expect(result.kind).toBe('invalid');
    const reason = result.kind === 'invalid' ? result.reason : '';
    expect(reason).toContain('expected `messageId` to be a non-empty string, got nothing');
    expect(reason).toContain('expected `parts` to be a positive integer, got 0');
  });

  // Found by start-stub.fuzz.test.ts: the reason quoted the wrong value whole, a megabyte of it.
  it('quotes a long wrong value only in part', () => {
    const result = parseWebhookPayload(JSON.stringify({ ...valid, text: Array.from({ length: 100_000 }, () => 7) }));
    const reason = result.kind === 'invalid' ? result.reason : '';
    expect(reason).toBe(`expected \`text\` to be a string, got [${'7,'.repeat(29)}7… (200001 chars)`);
  });
});

describe('glimpsePayload', () => {
  it('reads the recorded fields of any body without throwing', () => {
    expect(glimpsePayload('not json')).toEqual({ messageId: null, from: null, text: null, deviceId: null, seq: null });
    expect(glimpsePayload(JSON.stringify({ ...valid, seq: 'x' }))).toEqual({
      messageId: 'm-1',
      from: '+15550100',
      text: 'hello 👋',
      deviceId: 'virtual-1',
      seq: null,
    });
  });
});
