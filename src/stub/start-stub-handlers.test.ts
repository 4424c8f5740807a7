// The stub is msw all the way: the user's handlers come first, then one handler per fault in the
// scenario's order, then the webhook, all run by msw's own `getResponse`; the server records every
// request with the answer it got, whoever gave it.
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fault } from '../scenario/fault-schema';
import { postForTest } from '../../test/support/post-webhook';
import { startStub, type StubHooks, type StubServer } from './start-stub';
import type { LedgerRow } from './ledger';
import type { StubOptions } from './stub-options';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';

const stubs: StubServer[] = [];
const start = async (options: StubOptions, hooks: StubHooks = {}) => {
  const stub = await startStub(options, hooks);
  stubs.push(stub);
  return stub;
};
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

const send = (stub: StubServer, n: number, text?: string) => {
  const { body, headers } = webhookRequest(webhookPayload(n, text === undefined ? {} : { text }));
  return postForTest(stub.url, body, headers);
};

/** Every row the stub records, as it records it. */
const recorded = (stub: StubServer): LedgerRow[] => {
  const rows: LedgerRow[] = [];
  const record = stub.ledger.record.bind(stub.ledger);
  vi.spyOn(stub.ledger, 'record').mockImplementation((row) => (rows.push(row), record(row)));
  return rows;
};

const always = { rate: 1, window: null } as const;

describe('startStub with handlers of its user', () => {
  it("offers a request to the user's handler first, and msw uses a `once` handler exactly once", async () => {
    const once = http.post('/webhook', () => HttpResponse.json({ mine: true }, { status: 202 }), { once: true });
    const stub = await start({ handlers: [once] });
    const rows = recorded(stub);
    expect(once.isUsed).toBe(false);
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 202, body: '{"mine":true}' });
    expect(once.isUsed).toBe(true);
    // Used up: the next request goes on to the stub's own webhook.
    expect(await send(stub, 2)).toMatchObject({ kind: 'response', status: 200, body: '{"status":"accepted"}' });
    expect(rows.map(({ messageId, status, outcome }) => [messageId, status, outcome])).toEqual([
      // A 2xx to a valid webhook is an acceptance, whoever answered it.
      ['msg-1', 202, 'accepted'],
      ['msg-2', 200, 'accepted'],
    ]);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 2 });
  });

  it("resolves a user handler's relative path against the stub's address, and records a refusal by it", async () => {
    const refuseNul = http.post('/webhook', async ({ request }) => {
      const { text } = (await request.clone().json()) as { text: string };
      return text.includes('\u0000') ? HttpResponse.json({ error: 'NUL' }, { status: 422 }) : undefined;
    });
    const stub = await start({ handlers: [refuseNul], path: '/webhook' });
    const rows = recorded(stub);
    expect(await send(stub, 1, 'nul\u0000here')).toMatchObject({ kind: 'response', status: 422 });
    expect(await send(stub, 2, 'fine')).toMatchObject({ kind: 'response', status: 200 });
    expect(rows.map(({ messageId, text, status, outcome }) => [messageId, text, status, outcome])).toEqual([
      ['msg-1', 'nul\u0000here', 422, 'handler'],
      ['msg-2', 'fine', 200, 'accepted'],
    ]);
    expect([...stub.ledger.accepted()].map((message) => message.messageId)).toEqual(['msg-2']);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, rejected4xx: 0 });
  });

  it('takes a 2xx of a user handler for a key already accepted as a redelivery, not a second acceptance', async () => {
    const stub = await start({ handlers: [http.post('/webhook', () => HttpResponse.json({}, { status: 200 }))] });
    await send(stub, 1);
    await send(stub, 1);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, redeliveries: 1 });
  });

  it('answers 500 when a user handler throws, reports it once, records it, and serves the next request', async () => {
    const onHandlerError = vi.fn();
    let calls = 0;
    const flaky = http.post('/webhook', () => {
      calls += 1;
      if (calls === 1) throw new Error('my handler broke');
      return undefined;
    });
    const stub = await start({ handlers: [flaky] }, { onHandlerError });
    const rows = recorded(stub);
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
    expect(onHandlerError).toHaveBeenCalledTimes(1);
    expect((onHandlerError.mock.calls[0]![0] as Error).message).toBe('my handler broke');
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 200 });
    expect(rows.map(({ status, outcome }) => [status, outcome])).toEqual([
      [500, 'handler-error'],
      [200, 'accepted'],
    ]);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, handlerErrors: 1 });
  });

  it('writes one line to the stub log by default when a user handler throws', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const stub = await start({
        handlers: [
          http.post('/webhook', () => {
            throw new Error('boom');
          }),
        ],
      });
      expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
    } finally {
      write.mockRestore();
    }
    const errors = lines.filter((line) => line.includes(' error smsgw:stub '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/a handler threw on POST \/webhook, answered 500: boom\n$/);
  });

  it('answers 500 with a clear reason when a handler read the body and answered nothing', async () => {
    const onHandlerError = vi.fn();
    const greedy = http.post('/webhook', async ({ request }) => void (await request.text()));
    const stub = await start({ handlers: [greedy] }, { onHandlerError });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
    expect((onHandlerError.mock.calls[0]![0] as Error).message).toMatch(/must read request\.clone\(\)/);
  });

  it('leaves the built-in faults and webhook to requests the user handlers pass on', async () => {
    const elsewhere = http.get('/mine', () => HttpResponse.text('mine'));
    const faults: Fault[] = [{ kind: 'status', status: 503, retryAfterMs: null, ...always }];
    const stub = await start({ handlers: [elsewhere], faults });
    const rows = recorded(stub);
    expect(await (await fetch(new URL('/mine', stub.url))).text()).toBe('mine');
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 503 });
    expect(rows.map(({ messageId, status, outcome, faults: fired }) => [messageId, status, outcome, fired])).toEqual([
      [null, 200, 'handler', []],
      ['msg-1', 503, 'fault', ['status:503']],
    ]);
  });
});

describe('startStub faults as handlers', () => {
  it('answers with a status fault listed before a delay fault at once, both firing', async () => {
    const stub = await start({
      faults: [
        { kind: 'status', status: 503, retryAfterMs: null, ...always },
        { kind: 'delay', delayMs: 60_000, ...always },
      ],
    });
    const rows = recorded(stub);
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 503 });
    expect(rows).toEqual([expect.objectContaining({ status: 503, outcome: 'fault', faults: ['status:503'] })]);
  });

  it('waits out a delay fault listed before a status fault, then answers the status', async () => {
    const stub = await start({
      faults: [
        { kind: 'delay', delayMs: 300, ...always },
        { kind: 'status', status: 429, retryAfterMs: 2000, ...always },
      ],
    });
    const rows = recorded(stub);
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 429, headers: { 'retry-after': '2' } });
    expect(rows).toEqual([expect.objectContaining({ status: 429, faults: ['delay:300', 'status:429'] })]);
    expect(rows[0]!.answeredAt! - rows[0]!.arrivedAt).toBeGreaterThanOrEqual(300);
  });

  it('passes a request no fault fires on to the webhook, and a reset before a status ends it unanswered', async () => {
    const quiet = await start({ faults: [{ kind: 'reset', rate: 0, window: null }] });
    expect(await send(quiet, 1)).toMatchObject({ kind: 'response', status: 200 });
    const reset = await start({
      faults: [
        { kind: 'reset', ...always },
        { kind: 'status', status: 503, retryAfterMs: null, ...always },
      ],
    });
    const rows = recorded(reset);
    expect(await send(reset, 1)).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(rows).toEqual([expect.objectContaining({ status: null, answeredAt: null, faults: ['reset'] })]);
  });

  it('answers a status without a body (204) with no body, and counts it as a fault', async () => {
    const stub = await start({ faults: [{ kind: 'status', status: 204, retryAfterMs: null, ...always }] });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 204, body: '' });
    expect(stub.stats()).toMatchObject({ accepted: 0, faults: { status: 1 } });
  });
});
