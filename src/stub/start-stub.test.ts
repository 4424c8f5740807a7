// The stub as a run starts it, on its own thread: every request and every read of its stats and
// ledger crosses between the test's thread and the stub's.
import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { postForTest } from '../../test/support/post-webhook';
import { ledgerFile, ledgerRows, stubsClosedAfterEach } from '../../test/support/stub-ledger';
import type { StubServer } from './start-stub';
import { startStub } from './stub-thread';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';

const secret = 's3cret';
const start = stubsClosedAfterEach();

const send = (stub: StubServer, n: number, withSecret: string | null = secret) => {
  const { body, headers } = webhookRequest(webhookPayload(n), withSecret);
  return postForTest(stub.url, body, headers);
};

describe('startStub', () => {
  it('accepts a signed request and records it', async () => {
    const stub = await start({ secret });
    const result = await send(stub, 1);
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(result.kind === 'response' && JSON.parse(result.body)).toEqual({ status: 'accepted' });
    expect([...stub.ledger.accepted()]).toEqual([
      expect.objectContaining({
        messageId: 'msg-1',
        from: '+15550101',
        text: 'hello 1 👋',
        acceptedCount: 1,
        requestCount: 1,
      }),
    ]);
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 1, redeliveries: 0, badSignatures: 0 });
  });

  it('answers the second request with the same key as a redelivery', async () => {
    const stub = await start({ secret });
    await send(stub, 1);
    const again = await send(stub, 1);
    expect(again.kind === 'response' && [again.status, JSON.parse(again.body)]).toEqual([200, { status: 'duplicate' }]);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, redeliveries: 1 });
    expect([...stub.ledger.accepted()]).toEqual([
      expect.objectContaining({ messageId: 'msg-1', acceptedCount: 2, requestCount: 2 }),
    ]);
  });

  it('refuses an exact replay of a signed request with 401 and counts it, even for an accepted key', async () => {
    const stub = await start({ secret });
    const { body, headers } = webhookRequest(webhookPayload(1), secret);
    await postForTest(stub.url, body, headers);
    const replay = await postForTest(stub.url, body, headers);
    expect(replay).toMatchObject({ kind: 'response', status: 401 });
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, redeliveries: 0, replays: 1, rejected4xx: 1 });
  });

  it('refuses a correctly signed request from ten minutes ago as stale', async () => {
    const stub = await start({ secret });
    const { body, headers } = webhookRequest(webhookPayload(1), secret, String(Date.now() - 10 * 60_000));
    expect(await postForTest(stub.url, body, headers)).toMatchObject({ kind: 'response', status: 401 });
    expect(stub.stats()).toMatchObject({ staleSignatures: 1, accepted: 0 });
  });

  it('answers a bad signature with 401 and counts it', async () => {
    const stub = await start({ secret });
    const result = await send(stub, 1, 'not-the-secret');
    expect(result).toMatchObject({ kind: 'response', status: 401 });
    const unsigned = await send(stub, 2, null);
    expect(unsigned).toMatchObject({ kind: 'response', status: 401 });
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 0, badSignatures: 2, rejected4xx: 2 });
    expect([...stub.ledger.accepted()]).toEqual([]);
  });

  it('answers malformed JSON with 400 and records it', async () => {
    const stub = await start();
    const result = await postForTest(stub.url, '{"messageId": "m-1", ', { 'idempotency-key': 'm-1' });
    expect(result).toMatchObject({ kind: 'response', status: 400 });
    expect(result.kind === 'response' && JSON.parse(result.body)).toEqual({
      status: 'rejected',
      reason: 'body is not a JSON object',
    });
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 0, rejected4xx: 1 });
  });

  it('answers a payload with missing fields with 400', async () => {
    const stub = await start();
    const { text: _text, ...partial } = webhookPayload(1);
    const result = await postForTest(stub.url, JSON.stringify(partial), { 'idempotency-key': 'msg-1' });
    expect(result).toMatchObject({ kind: 'response', status: 400 });
    expect(result.kind === 'response' && result.body).toContain('`text`');
  });

  it('notes when it answered each request, accepted, redelivered or rejected, never before it arrived', async () => {
    const ledgerPath = ledgerFile();
    const stub = await start({ secret, ledgerPath });
    await send(stub, 1);
    await send(stub, 1);
    await send(stub, 2, 'not-the-secret');
    await postForTest(stub.url, '{"messageId": "m-1", ', { 'idempotency-key': 'm-1' });
    const rows = ledgerRows(stub, ledgerPath);
    expect(rows.map((row) => row.outcome)).toEqual(['accepted', 'duplicate', 'bad-signature', 'bad-signature']);
    for (const row of rows) expect(row.answeredAt).toBeGreaterThanOrEqual(row.arrivedAt);
    const [first] = [...stub.ledger.accepted()];
    expect(first!.firstAnsweredAt).toBe(rows[0]!.answeredAt);
    expect(first!.firstAcceptedAt).toBe(rows[0]!.arrivedAt);
  });

  it('serves stats and health on control endpoints that are not faulted', async () => {
    const stub = await start({ faults: [{ kind: 'status', status: 503, rate: 1, retryAfterMs: null, window: null }] });
    await send(stub, 1, null);
    const origin = new URL(stub.url).origin;
    const stats = await fetch(`${origin}/_smsgw/stats`);
    expect(await stats.json()).toEqual(stub.stats());
    const health = await fetch(`${origin}/_smsgw/health`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
  });

  it('answers 404 for any other route', async () => {
    const stub = await start();
    const result = await postForTest(new URL('/elsewhere', stub.url).href, '{}');
    expect(result).toMatchObject({ kind: 'response', status: 404 });
    expect(stub.stats().requests).toBe(0);
  });

  it('serves the webhook on a configured path', async () => {
    const stub = await start({ path: '/hooks/sms' });
    expect(new URL(stub.url).pathname).toBe('/hooks/sms');
    expect(await send(stub, 1, null)).toMatchObject({ kind: 'response', status: 200 });
  });

  it('fails with port-unavailable when the port is in use', async () => {
    const first = await start();
    const error = await startStub({ port: first.port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error).toMatchObject({ code: 'port-unavailable', hint: expect.stringContaining('--port') });
  });

  it('rejects bad options with every problem listed', async () => {
    const error = await startStub({ port: 70_000, path: 'webhook' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'bad-option',
      issues: [expect.stringContaining('`port`'), expect.stringContaining('`path`')],
    });
  });
});
