// The stub is msw all the way: the user's handlers come first, then one handler per fault in the
// scenario's order, then the webhook, all run by msw's own `getResponse`; the server records every
// request with the answer it got, whoever gave it. The stub runs on its own thread, as in a run: the
// user's handlers are modules it loads there (test/support/fixtures/stub-handlers).
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Fault } from '../scenario/fault-schema';
import { postForTest } from '../../test/support/post-webhook';
import { ledgerFile, ledgerRows, stubsClosedAfterEach } from '../../test/support/stub-ledger';
import type { StubHooks, StubServer } from './start-stub';
import type { StubOptions } from './stub-options';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';

const startClosed = stubsClosedAfterEach();
/** A stub with a ledger file, and the rows it recorded, oldest first. */
const start = async (options: StubOptions, hooks: StubHooks = {}) => {
  const ledgerPath = ledgerFile();
  const stub = await startClosed({ ...options, ledgerPath }, hooks);
  return { stub, rows: () => ledgerRows(stub, ledgerPath) };
};

const handlersFile = (name: string): string =>
  fileURLToPath(new URL(`../../test/support/fixtures/stub-handlers/${name}.ts`, import.meta.url));

const send = (stub: StubServer, n: number, text?: string) => {
  const { body, headers } = webhookRequest(webhookPayload(n, text === undefined ? {} : { text }));
  return postForTest(stub.url, body, headers);
};

const always = { rate: 1, window: null } as const;

describe('startStub with handlers of its user', () => {
  it("offers a request to the user's handler first, and msw uses a `once` handler exactly once", async () => {
    const { stub, rows } = await start({ handlersFile: handlersFile('once') });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 202, body: '{"mine":true}' });
    // Used up: the next request goes on to the stub's own webhook.
    expect(await send(stub, 2)).toMatchObject({ kind: 'response', status: 200, body: '{"status":"accepted"}' });
    expect(rows().map(({ messageId, status, outcome }) => [messageId, status, outcome])).toEqual([
      // A 2xx to a valid webhook is an acceptance, whoever answered it.
      ['msg-1', 202, 'accepted'],
      ['msg-2', 200, 'accepted'],
    ]);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 2 });
  });

  it("resolves a user handler's relative path against the stub's address, and records a refusal by it", async () => {
    const { stub, rows } = await start({ handlersFile: handlersFile('refuse-nul'), path: '/webhook' });
    expect(await send(stub, 1, 'nul\u0000here')).toMatchObject({ kind: 'response', status: 422 });
    expect(await send(stub, 2, 'fine')).toMatchObject({ kind: 'response', status: 200 });
    expect(rows().map(({ messageId, text, status, outcome }) => [messageId, text, status, outcome])).toEqual([
      ['msg-1', 'nul\u0000here', 422, 'handler'],
      ['msg-2', 'fine', 200, 'accepted'],
    ]);
    expect([...stub.ledger.accepted()].map((message) => message.messageId)).toEqual(['msg-2']);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, rejected4xx: 0 });
  });

  it('takes a 2xx of a user handler for a key already accepted as a redelivery, not a second acceptance', async () => {
    const { stub } = await start({ handlersFile: handlersFile('always-200') });
    await send(stub, 1);
    await send(stub, 1);
    expect(stub.stats()).toMatchObject({ requests: 2, accepted: 1, redeliveries: 1 });
  });

  it('answers 500 when a user handler throws, reports it once, records it, and serves the next request', async () => {
    const onHandlerError = vi.fn();
    const { stub, rows } = await start({ handlersFile: handlersFile('throws-once') }, { onHandlerError });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
    // Reported by the stub's thread, so it may arrive after the answer did.
    await vi.waitFor(() => expect(onHandlerError).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect((onHandlerError.mock.calls[0]![0] as Error).message).toBe('my handler broke');
    expect(onHandlerError.mock.calls[0]![1]).toMatchObject({ method: 'POST', url: stub.url });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 200 });
    expect(onHandlerError).toHaveBeenCalledTimes(1);
    expect(rows().map(({ status, outcome }) => [status, outcome])).toEqual([
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
      const { stub } = await start({ handlersFile: handlersFile('throws') });
      expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
      // Written by this thread's logger once the stub's thread has reported it.
      await vi.waitFor(() => expect(lines.join('')).toContain(' error smsgw:stub '), { timeout: 10_000 });
    } finally {
      write.mockRestore();
    }
    const errors = lines.filter((line) => line.includes(' error smsgw:stub '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/a handler threw on POST \/webhook, answered 500: boom\n$/);
  });

  it('answers 500 with a clear reason when a handler read the body and answered nothing', async () => {
    const onHandlerError = vi.fn();
    const { stub } = await start({ handlersFile: handlersFile('greedy') }, { onHandlerError });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 500 });
    await vi.waitFor(() => expect(onHandlerError).toHaveBeenCalled(), { timeout: 10_000 });
    expect((onHandlerError.mock.calls[0]![0] as Error).message).toMatch(/must read request\.clone\(\)/);
  });

  it('leaves the built-in faults and webhook to requests the user handlers pass on', async () => {
    const faults: Fault[] = [{ kind: 'status', status: 503, retryAfterMs: null, ...always }];
    const { stub, rows } = await start({ handlersFile: handlersFile('elsewhere'), faults });
    expect(await (await fetch(new URL('/mine', stub.url))).text()).toBe('mine');
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 503 });
    expect(rows().map(({ messageId, status, outcome, faults: fired }) => [messageId, status, outcome, fired])).toEqual([
      [null, 200, 'handler', []],
      ['msg-1', 503, 'fault', ['status:503']],
    ]);
  });
});

describe('startStub faults as handlers', () => {
  it('answers with a status fault listed before a delay fault at once, both firing', async () => {
    const { stub, rows } = await start({
      faults: [
        { kind: 'status', status: 503, retryAfterMs: null, ...always },
        { kind: 'delay', delayMs: 60_000, ...always },
      ],
    });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 503 });
    expect(rows()).toEqual([expect.objectContaining({ status: 503, outcome: 'fault', faults: ['status:503'] })]);
  });

  it('waits out a delay fault listed before a status fault, then answers the status', async () => {
    const { stub, rows } = await start({
      faults: [
        { kind: 'delay', delayMs: 300, ...always },
        { kind: 'status', status: 429, retryAfterMs: 2000, ...always },
      ],
    });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 429, headers: { 'retry-after': '2' } });
    const [row, ...others] = rows();
    expect([row, ...others]).toEqual([expect.objectContaining({ status: 429, faults: ['delay:300', 'status:429'] })]);
    expect(row!.answeredAt! - row!.arrivedAt).toBeGreaterThanOrEqual(300);
  });

  it('passes a request no fault fires on to the webhook, and a reset before a status ends it unanswered', async () => {
    const quiet = await start({ faults: [{ kind: 'reset', rate: 0, window: null }] });
    expect(await send(quiet.stub, 1)).toMatchObject({ kind: 'response', status: 200 });
    const reset = await start({
      faults: [
        { kind: 'reset', ...always },
        { kind: 'status', status: 503, retryAfterMs: null, ...always },
      ],
    });
    expect(await send(reset.stub, 1)).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(reset.rows()).toEqual([expect.objectContaining({ status: null, answeredAt: null, faults: ['reset'] })]);
  });

  it('answers a status without a body (204) with no body, and counts it as a fault', async () => {
    const { stub } = await start({ faults: [{ kind: 'status', status: 204, retryAfterMs: null, ...always }] });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 204, body: '' });
    expect(stub.stats()).toMatchObject({ accepted: 0, faults: { status: 1 } });
  });
});
