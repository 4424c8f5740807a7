import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Fault } from '../scenario/fault-schema';
import { createRandom } from '../sms/random';
import { postForTest, type PostResult } from '../../test/support/post-webhook';
import type { StubServer } from './start-stub';
import { ledgerFile, stubsClosedAfterEach } from '../../test/support/stub-ledger';
import type { StubOptions } from './stub-options';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';

const start = stubsClosedAfterEach();

/** A stub whose ledger is a file, and a reader of its rows the way a run's trace reads them. */
async function startWithLedgerFile(options: StubOptions) {
  const ledgerPath = ledgerFile();
  const stub = await start({ ...options, ledgerPath });
  type Row = { outcome: string; status: number | null; first: number; arrived_at: number; answered_at: number | null };
  const rows = (): Row[] => {
    stub.ledger.flush();
    const db = new Database(ledgerPath, { readonly: true });
    try {
      return db
        .prepare<[], Row>('SELECT outcome, status, first, arrived_at, answered_at FROM stub_requests ORDER BY id')
        .all();
    } finally {
      db.close();
    }
  };
  return { stub, rows };
}

const send = (stub: StubServer, n: number) => {
  const { body, headers } = webhookRequest(webhookPayload(n));
  return postForTest(stub.url, body, headers);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const always = { rate: 1, window: null } as const;
const status503 = (rate: number): Fault => ({ kind: 'status', status: 503, rate, retryAfterMs: 1500, window: null });

/** Sends requests 1..count, `concurrency` at a time. */
async function sendMany(stub: StubServer, count: number, concurrency = 20): Promise<PostResult[]> {
  const results: PostResult[] = [];
  let next = 1;
  const worker = async () => {
    for (let n = next++; n <= count; n = next++) results.push(await send(stub, n));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

describe('startStub faults', () => {
  it('answers 503 with Retry-After, rounded up to seconds, for a status fault at rate 1', async () => {
    const stub = await start({ faults: [status503(1)] });
    const result = await send(stub, 1);
    expect(result).toMatchObject({ kind: 'response', status: 503, headers: { 'retry-after': '2' } });
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 0, faults: { status: 1 } });
    expect([...stub.ledger.accepted()]).toEqual([]);
  });

  it('fires a 0.2-rate fault on about 20% of 1000 requests, the count its seed gives', async () => {
    const seed = 2024;
    const expected = Array.from({ length: 1000 }, createRandom(seed).next).filter((roll) => roll < 0.2).length;
    const counts: number[] = [];
    for (let run = 0; run < 2; run += 1) {
      const stub = await start({ faults: [status503(0.2)], seed });
      const results = await sendMany(stub, 1000);
      counts.push(results.filter((result) => result.kind === 'response' && result.status === 503).length);
      expect(stub.stats()).toMatchObject({
        requests: 1000,
        accepted: 1000 - counts[run]!,
        faults: { status: counts[run] },
      });
    }
    expect(counts).toEqual([expected, expected]);
    expect(expected).toBeGreaterThan(150);
    expect(expected).toBeLessThan(250);
  });

  it('resets the connection for a reset fault, and the process carries on serving', async () => {
    const stub = await start({ faults: [{ kind: 'reset', ...always }] });
    const results = await Promise.all([send(stub, 1), send(stub, 2), send(stub, 3)]);
    for (const result of results) expect(result).toEqual({ kind: 'error', code: 'ECONNRESET' });
    const health = await fetch(new URL('/_smsgw/health', stub.url));
    expect(await health.json()).toEqual({ ok: true });
    expect(stub.stats()).toMatchObject({ requests: 3, faults: { reset: 3 } });
  });

  it('does not answer a hanging request until the stub closes', async () => {
    const stub = await start({ faults: [{ kind: 'hang', ...always }] });
    let settled = false;
    const pending = send(stub, 1).finally(() => (settled = true));
    await sleep(500);
    expect(settled).toBe(false);
    const closing = performance.now();
    await stub.close();
    expect(await pending).toMatchObject({ kind: 'error' });
    // "Promptly": far below the 5-minute hang cap, generous for a slow machine.
    expect(performance.now() - closing).toBeLessThan(10_000);
  });

  it('drops a hanging request at the hang cap', async () => {
    const stub = await start({ faults: [{ kind: 'hang', ...always }], hangCapMs: 200 });
    expect(await send(stub, 1)).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(stub.stats()).toMatchObject({ requests: 1, faults: { hang: 1 } });
  });

  it('delays a request, then handles it normally', async () => {
    const stub = await start({ faults: [{ kind: 'delay', delayMs: 400, ...always }] });
    const startedAt = performance.now();
    const result = await send(stub, 1);
    // Timers may fire a millisecond early; nothing else is assumed about the machine's speed.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(390);
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(stub.stats()).toMatchObject({ accepted: 1, faults: { delay: 1 } });
  });

  it('records the 2xx of a delayed request as answered when it was written, the delay after it arrived', async () => {
    const { stub, rows } = await startWithLedgerFile({ faults: [{ kind: 'delay', delayMs: 300, ...always }] });
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 200 });
    const [accepted, ...others] = rows();
    expect(others).toEqual([]);
    expect(accepted).toMatchObject({ outcome: 'accepted', status: 200, first: 1, answered_at: expect.any(Number) });
    // No upper bound: a busy machine may write the answer late.
    expect(accepted!.answered_at! - accepted!.arrived_at).toBeGreaterThanOrEqual(300);
    expect([...stub.ledger.accepted()]).toEqual([
      expect.objectContaining({ firstAcceptedAt: accepted!.arrived_at, firstAnsweredAt: accepted!.answered_at }),
    ]);
  });

  it('records a status fault as answered, and a reset, a hang cut at its cap and a drop as never answered', async () => {
    const answeredStub = await startWithLedgerFile({ faults: [status503(1)] });
    await send(answeredStub.stub, 1);
    expect(answeredStub.rows()).toEqual([
      expect.objectContaining({ outcome: 'fault', status: 503, answered_at: expect.any(Number) }),
    ]);

    const reset = await startWithLedgerFile({ faults: [{ kind: 'reset', ...always }] });
    await send(reset.stub, 1);
    expect(reset.rows()).toEqual([expect.objectContaining({ outcome: 'fault', status: null, answered_at: null })]);

    const hang = await startWithLedgerFile({ faults: [{ kind: 'hang', ...always }], hangCapMs: 100 });
    await send(hang.stub, 1);
    expect(hang.rows()).toEqual([expect.objectContaining({ outcome: 'fault', status: null, answered_at: null })]);

    const dropped = await startWithLedgerFile({
      faults: [
        { kind: 'delay', delayMs: 60_000, ...always },
        { kind: 'outage', window: { atMs: 500, forMs: 60_000 } },
      ],
    });
    await send(dropped.stub, 1);
    await vi.waitFor(() => expect(dropped.stub.stats().requests).toBe(1));
    expect(dropped.rows()).toEqual([expect.objectContaining({ outcome: 'dropped', status: null, answered_at: null })]);
  });

  it('refuses connections during an outage and accepts again after it', async () => {
    const outage = { atMs: 1000, forMs: 1500 };
    const stub = await start({ faults: [{ kind: 'outage', window: outage }] });
    const clockStart = performance.now();
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 200 });

    let during = await send(stub, 2);
    // A poll that is in flight at the very moment the outage starts is dropped (ECONNRESET): poll on.
    const beforeRefusal = (result: typeof during): boolean =>
      result.kind === 'response' || (result.kind === 'error' && result.code === 'ECONNRESET');
    for (let tries = 0; beforeRefusal(during) && tries < 200; tries += 1) {
      await sleep(50);
      during = await send(stub, 2);
    }
    expect(during).toEqual({ kind: 'error', code: 'ECONNREFUSED' });

    let after = during;
    for (let tries = 0; after.kind === 'error' && tries < 400; tries += 1) {
      await sleep(50);
      after = await send(stub, 3);
    }
    expect(after).toMatchObject({ kind: 'response', status: 200 });
    expect(performance.now() - clockStart).toBeGreaterThanOrEqual(outage.atMs + outage.forMs - 50);
    // 1 before the outage, 2 (polled until refused, so at least once before it) and 3 after.
    expect([...stub.ledger.accepted()].map((message) => message.messageId)).toEqual(['msg-1', 'msg-2', 'msg-3']);
  });

  it('drops requests in flight when an outage starts and counts them', async () => {
    const stub = await start({
      faults: [
        { kind: 'delay', delayMs: 60_000, ...always },
        { kind: 'outage', window: { atMs: 1000, forMs: 60_000 } },
      ],
    });
    expect(await send(stub, 1)).toMatchObject({ kind: 'error' });
    // The stub records the drop when its handler's abort settles, which may be after the client saw it.
    await vi.waitFor(() => expect(stub.stats().requests).toBe(1));
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 0, faults: { delay: 1, outageDropped: 1 } });
  });

  it('restarts windows from startFaultClock()', async () => {
    const stub = await start({ faults: [{ kind: 'reset', rate: 1, window: { atMs: 0, forMs: 1500 } }] });
    await sleep(1600);
    expect(await send(stub, 1)).toMatchObject({ kind: 'response', status: 200 });
    stub.startFaultClock();
    expect(await send(stub, 2)).toEqual({ kind: 'error', code: 'ECONNRESET' });
  });
});
