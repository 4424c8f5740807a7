import { describe, expect, it } from 'vitest';
import { engineOnDisk } from '../../test/support/engine-on-disk';
import type { SqlDb } from './ports';
import { networkError, respond } from '../../test/support/fake-transport';
import { fixedRandom } from '../../test/support/seeded-random';
import { testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const setup = engineOnDisk();

const SECOND = 1_000;
const HOUR = 3_600 * SECOND;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const generous = 30_000;

const rowOf = async (db: SqlDb, messageId: string) =>
  (
    await db.all<{ status: string; attempts: number; next_attempt_at: number; completed_at: number | null }>(
      'SELECT status, attempts, next_attempt_at, completed_at FROM messages WHERE message_id = ?',
      [messageId],
    )
  )[0]!;
const countWhere = async (db: SqlDb, status: string) =>
  (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE status = ?', [status]))[0]!.n;

describe('retries once the server is back', () => {
  it('retries a message the server failed while it accepted others within a second, not after the outage backoff', async () => {
    let failedKey = '';
    const { engine, transport, db, clock } = await setup({
      // Jitter near its top: the delay is the whole step.
      random: fixedRandom(0.999),
      handler: (request, index) => {
        if (index !== 1) return respond(200);
        failedKey = request.headers['Idempotency-Key']!;
        return respond(503);
      },
    });
    engine.start();
    for (let i = 0; i < 3; i++) await engine.enqueue(testSms());
    await waitFor(
      async () => (await countWhere(db, 'delivered')) === 2 && failedKey !== '',
      'two delivered, one failed',
    );
    await waitFor(async () => (await rowOf(db, failedKey)).status === 'retrying', 'the failure recorded');
    const failedAt = clock.now();
    // The outage backoff for a 503 would be up to 10 s; the server answers others, so the first step is 1 s.
    expect((await rowOf(db, failedKey)).next_attempt_at - failedAt).toBeLessThanOrEqual(SECOND);
    clock.advance(SECOND);
    await waitFor(async () => (await rowOf(db, failedKey)).status === 'delivered', 'delivered on its quick retry');
    expect(transport.keys.filter((key) => key === failedKey)).toHaveLength(2);
  });

  it.each([
    { outage: '30 s of refused connections', downForMs: 30 * SECOND, down: () => networkError('ECONNREFUSED') },
    { outage: '3 s of 503s', downForMs: 3 * SECOND, down: () => respond(503) },
  ])(
    'holds every message while the breaker is open, and the probe that closes it releases them all in its round ($outage)',
    async ({ downForMs, down }) => {
      const downUntil = Date.UTC(2025, 5, 15, 12, 0, 0) + downForMs;
      let firstAcceptedAt: number | null = null;
      const { engine, transport, db, clock } = await setup({
        handler: () => {
          if (clock.now() < downUntil) return down();
          firstAcceptedAt ??= clock.now();
          return respond(200);
        },
      });
      engine.start();
      for (let i = 0; i < 40; i++) await engine.enqueue(testSms());
      await waitFor(
        async () => (await engine.health()).breaker === 'open' && transport.inFlight === 0,
        'open',
        generous,
      );
      for (let step = 0; step < 100 && firstAcceptedAt === null; step++) {
        const before = transport.requests.length;
        // While open, nothing but the probe goes: each timer the breaker arms sends exactly one request.
        await waitFor(() => clock.nextTimerAt() !== null && transport.inFlight === 0, 'the probe armed', generous);
        clock.fireNext();
        await waitFor(() => transport.requests.length > before, 'the probe sent', generous);
        if (firstAcceptedAt === null) {
          await waitFor(() => transport.inFlight === 0, 'the probe answered', generous);
          expect(transport.requests.length).toBe(before + 1);
        }
      }
      // The probe closed the breaker: what it held goes now, until nothing left is due without the clock moving.
      const settled = async () =>
        (await countWhere(db, 'sending')) === 0 &&
        (
          await db.all<{ n: number }>(
            "SELECT COUNT(*) AS n FROM messages WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ?",
            [clock.now()],
          )
        )[0]!.n === 0;
      await waitFor(settled, 'everything due sent', generous);
      expect(await countWhere(db, 'delivered')).toBe(40);
      // The server was found within a quarter of its outage, or the first probe step (5 s); a probe step
      // doubling per failed probe found the 30 s outage's end 26 s late.
      expect(firstAcceptedAt! - downUntil).toBeLessThanOrEqual(Math.max(5 * SECOND, downForMs / 4));
      // Every message it held went in that same round: the clock never moved after the probe. Held on
      // their own backoff (5 s for a first 503), they went only as each one's time came.
      expect(clock.now()).toBe(firstAcceptedAt);
      expect(new Set(transport.keys).size).toBe(40);
    },
  );

  it("waits out a server's Retry-After while it accepts others, and when the breaker closes", async () => {
    let answer: 'ask-to-wait' | 'down' | 'up' = 'ask-to-wait';
    const { engine, transport, db, clock } = await setup({
      handler: () =>
        answer === 'ask-to-wait' ? respond(429, { 'retry-after': '60' }) : respond(answer === 'down' ? 503 : 200),
    });
    engine.start();
    const asked = await engine.enqueue(testSms());
    await waitFor(async () => (await rowOf(db, asked.messageId)).status === 'retrying', 'the 429 recorded');
    const askedAt = clock.now();
    expect((await rowOf(db, asked.messageId)).next_attempt_at - askedAt).toBeGreaterThanOrEqual(60 * SECOND);
    // Others are accepted meanwhile: none of that brings the asked message sooner.
    answer = 'up';
    for (let i = 0; i < 3; i++) {
      clock.advance(5 * SECOND);
      await engine.enqueue(testSms());
    }
    await waitFor(async () => (await countWhere(db, 'delivered')) === 3, 'the others delivered');
    // Then the server fails five in a row: the breaker opens, and its probe finds the server back.
    answer = 'down';
    for (let i = 0; i < 5; i++) await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).breaker === 'open' && transport.inFlight === 0, 'open');
    answer = 'up';
    await waitFor(() => clock.nextTimerAt() !== null, 'the probe armed');
    clock.fireNext();
    await waitFor(async () => (await countWhere(db, 'delivered')) === 8, 'the held messages released');
    expect((await engine.health()).breaker).toBe('closed');
    expect(clock.now() - askedAt).toBeLessThan(60 * SECOND);
    await settle();
    expect(transport.keys.filter((key) => key === asked.messageId)).toHaveLength(1);
    expect((await rowOf(db, asked.messageId)).status).toBe('retrying');
    clock.advance(askedAt + 60 * SECOND - 1 - clock.now());
    await settle();
    expect(transport.keys.filter((key) => key === asked.messageId)).toHaveLength(1);
    clock.advance(12 * SECOND + 1);
    await waitFor(async () => (await rowOf(db, asked.messageId)).status === 'delivered', 'delivered after the wait');
  });

  it("probes a server that is down at the breaker's pace without using up a message's attempts faster than its own backoff", async () => {
    const { engine, transport, db, clock } = await setup({ handler: () => networkError('ECONNREFUSED') });
    engine.start();
    const { messageId } = await engine.enqueue(testSms());
    const storedAt = clock.now();
    while (clock.now() - storedAt < HOUR) {
      await waitFor(() => clock.nextTimerAt() !== null && transport.inFlight === 0, 'the next probe armed', generous);
      const before = transport.requests.length;
      clock.fireNext();
      await waitFor(
        async () => transport.requests.length > before && (await rowOf(db, messageId)).status === 'retrying',
        'the probe recorded',
        generous,
      );
    }
    // An hour of outage: probes at most a quarter of the outage apart (41 POSTs here; doubling sent 15),
    // but only those that came when the message's own backoff (5 s doubling to 15 min) had it due count
    // as its attempts (14 here, as many as before).
    expect(transport.requests.length).toBeGreaterThanOrEqual(30);
    expect((await rowOf(db, messageId)).attempts).toBeLessThanOrEqual(16);
  });

  it('gives up on a message at its first attempt past its age budget, as before, the server down throughout', async () => {
    const { engine, transport, db, clock } = await setup({
      config: { maxAgeMs: 6 * HOUR, maxAttempts: 10_000 },
      handler: () => networkError('ECONNREFUSED'),
    });
    engine.start();
    const { messageId } = await engine.enqueue(testSms());
    const storedAt = clock.now();
    for (let step = 0; step < 500 && (await rowOf(db, messageId)).status !== 'failed'; step++) {
      await waitFor(() => clock.nextTimerAt() !== null && transport.inFlight === 0, 'the next attempt armed', generous);
      const before = transport.requests.length;
      clock.fireNext();
      await waitFor(
        async () => transport.requests.length > before && (await rowOf(db, messageId)).status !== 'sending',
        'the attempt recorded',
        generous,
      );
    }
    const row = await rowOf(db, messageId);
    expect(row.status).toBe('failed');
    // Not before the budget, and no later than one probe step (at most 15 min) after it.
    expect(row.completed_at! - storedAt).toBeGreaterThanOrEqual(6 * HOUR);
    expect(row.completed_at! - storedAt).toBeLessThanOrEqual(6 * HOUR + 15 * 60 * SECOND);
    expect((await engine.health()).gaveUp).toBe(1);
  });

  it('takes hours, as before, not minutes, to give up on a message the server keeps refusing while it accepts others', async () => {
    let refusedKey = '';
    const { engine, db, clock } = await setup({
      handler: (request, index) => {
        if (index === 0) refusedKey = request.headers['Idempotency-Key']!;
        return respond(request.headers['Idempotency-Key'] === refusedKey ? 500 : 200);
      },
    });
    engine.start();
    const storedAt = clock.now();
    await engine.enqueue(testSms());
    await waitFor(async () => refusedKey !== '' && (await rowOf(db, refusedKey)).status === 'retrying', 'refused');
    for (let attempt = 1; attempt < 50; attempt++) {
      // Someone else's SMS goes through before each retry: the breaker sees a server that answers.
      await engine.enqueue(testSms());
      await waitFor(async () => (await countWhere(db, 'delivered')) === attempt, 'the other SMS delivered');
      await waitFor(() => clock.nextTimerAt() !== null, 'the retry armed', generous);
      clock.fireNext();
      await waitFor(async () => (await rowOf(db, refusedKey)).attempts === attempt + 1, 'retried', generous);
      await waitFor(async () => (await rowOf(db, refusedKey)).status !== 'sending', 'recorded', generous);
    }
    const row = await rowOf(db, refusedKey);
    expect(row).toMatchObject({ status: 'failed', attempts: 50 });
    expect((await engine.health()).breaker).toBe('closed');
    // 15 quick retries (about half a minute), then the outage backoff (7.5 min each at jitter 0.5): about 4.3 h.
    // Before, 50 attempts on the outage backoff alone took about 5.4 h; quick retries alone, about 2 min.
    expect(row.completed_at! - storedAt).toBeGreaterThan(4 * HOUR);
  });
});

describe('retry now', () => {
  it('makes every message waiting out a backoff due at once, and an open breaker probes at once', async () => {
    let down = true;
    const { engine, transport, db, clock } = await setup({
      handler: () => (down ? respond(503) : respond(200)),
    });
    engine.start();
    for (let i = 0; i < 10; i++) await engine.enqueue(testSms());
    await waitFor(
      async () => (await engine.health()).breaker === 'open' && transport.inFlight === 0,
      'the breaker open',
      generous,
    );
    expect(await engine.nextDueAt()).toBeGreaterThan(clock.now());
    down = false;
    const before = transport.requests.length;
    await engine.retryNow();
    // No clock moved: only the person's request can have sent these.
    await waitFor(async () => (await countWhere(db, 'delivered')) === 10, 'all delivered', generous);
    expect(transport.requests.length).toBeGreaterThan(before);
    expect(await engine.nextDueAt()).toBeNull();
  });
});
