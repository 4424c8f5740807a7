import { describe, expect, it } from 'vitest';
import { engineOnDisk } from '../../test/support/engine-on-disk';
import type { SqlDb, TransportResult } from './ports';
import { deferred, networkError, respond } from '../../test/support/fake-transport';
import { testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const setup = engineOnDisk();

const statuses = (db: SqlDb) =>
  db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM messages GROUP BY status ORDER BY status');

describe('engine delivery', () => {
  it('POSTs an enqueued SMS once and records it delivered with status, time and latency', async () => {
    const { engine, transport, db, clock } = await setup({ handler: () => respond(201) });
    engine.start();
    const { messageId } = await engine.enqueue(testSms());
    await waitFor(async () => (await statuses(db))[0]?.status === 'delivered', 'delivery');
    expect(transport.keys).toEqual([messageId]);
    const [message] = await engine.listMessages();
    expect(message).toMatchObject({
      messageId,
      status: 'delivered',
      attempts: 1,
      httpStatus: 201,
      deliveredAt: clock.now(),
      latencyMs: 0,
      leaseUntil: null,
    });
  });

  it('never has more than `concurrency` POSTs in flight, and delivers everything in the end', async () => {
    const held: ((result: TransportResult) => void)[] = [];
    const { engine, transport, db } = await setup({
      config: { concurrency: 4 },
      handler: () => {
        const gate = deferred<TransportResult>();
        held.push(gate.resolve);
        return gate.promise;
      },
    });
    engine.start();
    await Promise.all(Array.from({ length: 30 }, () => engine.enqueue(testSms())));
    await waitFor(() => transport.inFlight === 4, '4 in flight');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.inFlight).toBe(4);
    while ((await statuses(db)).some((s) => s.status !== 'delivered')) {
      held.splice(0).forEach((release) => release(respond(200)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(transport.maxInFlight).toBe(4);
    expect(new Set(transport.keys).size).toBe(30);
    expect(transport.requests).toHaveLength(30);
  });

  it('drain resolves true once everything is delivered, false when its time runs out first', async () => {
    const { engine, clock, transport } = await setup({ handler: () => respond(503) });
    await engine.enqueue(testSms());
    engine.start();
    const drained = engine.drain(10_000);
    await waitFor(() => transport.requests.length === 1, 'first attempt');
    clock.advance(10_000);
    expect(await drained).toBe(false);
    transport.setHandler(() => respond(200));
    const second = engine.drain(60_000);
    clock.advance(60_000 - 1); // the retry (backoff well under a minute) fires on the way
    expect(await second).toBe(true);
  });

  it('stop lets sends in flight finish and record their outcome, then claims nothing more', async () => {
    const gates: ((result: TransportResult) => void)[] = [];
    const { engine, transport, db } = await setup({
      handler: () => {
        const gate = deferred<TransportResult>();
        gates.push(gate.resolve);
        return gate.promise;
      },
    });
    engine.start();
    await Promise.all([engine.enqueue(testSms()), engine.enqueue(testSms())]);
    await waitFor(() => transport.inFlight === 2, 'two in flight');
    let stopped = false;
    const stopping = engine.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    gates.forEach((release) => release(respond(200)));
    await stopping;
    expect(await statuses(db)).toEqual([{ status: 'delivered', n: 2 }]);
    await engine.enqueue(testSms());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.requests).toHaveLength(2);
    expect((await engine.health()).dispatcherRunning).toBe(false);
  });

  it('claims nothing while offline and wakes as soon as the network is back', async () => {
    const { engine, transport, network } = await setup();
    network.set(false);
    engine.start();
    await engine.enqueue(testSms());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.requests).toHaveLength(0);
    expect((await engine.health()).network).toBe('offline');
    network.set(true);
    await waitFor(() => transport.requests.length === 1, 'send after reconnect');
  });

  it('waits for a retry on one timer armed for the next due time, with no polling', async () => {
    const { engine, transport, clock, db } = await setup({
      // A quick retry (the breaker is closed), its step set to 10 s here: jitter 0.5 → 5 s.
      config: { quickRetryBaseMs: 10_000, quickRetryCapMs: 10_000 },
      handler: (_request, index) => respond(index === 0 ? 503 : 200),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await statuses(db))[0]?.status === 'retrying', 'retrying');
    const [row] = await db.all<{ next_attempt_at: number }>('SELECT next_attempt_at FROM messages');
    expect(row!.next_attempt_at).toBe(clock.now() + 5_000);
    await waitFor(() => clock.nextTimerAt() === row!.next_attempt_at, 'timer armed');
    expect(clock.timerCount).toBe(1);
    clock.advance(4_999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.requests).toHaveLength(1);
    clock.advance(1);
    await waitFor(async () => (await statuses(db))[0]?.status === 'delivered', 'delivered on retry');
    expect(transport.requests).toHaveLength(2);
  });

  it('an enqueue of a capture already stored sends nothing new', async () => {
    const { engine, transport, db } = await setup();
    engine.start();
    const sms = testSms({ captureSeq: 99 });
    const first = await engine.enqueue(sms);
    await waitFor(async () => (await statuses(db))[0]?.status === 'delivered', 'delivered');
    expect(await engine.enqueue(sms)).toEqual({ messageId: first.messageId, created: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.requests).toHaveLength(1);
  });

  it('retries at once when the network comes back, instead of sitting out a backoff grown while offline', async () => {
    const { engine, transport, network, db } = await setup({
      config: { retryBaseMs: { network: 600_000 } },
      handler: () => networkError('ENETUNREACH'),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await statuses(db))[0]?.status === 'retrying', 'retrying');
    transport.setHandler(() => respond(200));
    network.set(false);
    network.set(true);
    await waitFor(async () => (await statuses(db))[0]?.status === 'delivered', 'delivered without any clock advance');
  });

  it('does not count failures while the phone is offline against the server (the breaker stays closed)', async () => {
    const gates: ((result: TransportResult) => void)[] = [];
    const { engine, transport, network } = await setup({
      config: { breakerThreshold: 3 },
      handler: () => {
        const gate = deferred<TransportResult>();
        gates.push(gate.resolve);
        return gate.promise;
      },
    });
    engine.start();
    for (let i = 0; i < 6; i++) await engine.enqueue(testSms());
    await waitFor(() => transport.inFlight === 6, 'six in flight');
    network.set(false);
    gates.forEach((release) => release(networkError('ECONNRESET')));
    await waitFor(async () => (await engine.health()).retrying === 6, 'all six retrying');
    expect((await engine.health()).breaker).toBe('closed');
  });
});
