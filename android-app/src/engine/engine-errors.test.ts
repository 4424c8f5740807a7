import { describe, expect, it } from 'vitest';
import { engineOnDisk } from '../../test/support/engine-on-disk';
import type { SqlDb } from './ports';
import { networkError, respond } from '../../test/support/fake-transport';
import { fixedRandom } from '../../test/support/seeded-random';
import { testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const setup = engineOnDisk();

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const rows = (db: SqlDb) =>
  db.all<{
    status: string;
    attempts: number;
    next_attempt_at: number;
    http_status: number | null;
    last_error_category: string | null;
  }>('SELECT status, attempts, next_attempt_at, http_status, last_error_category FROM messages ORDER BY id');
const statusIs = (db: SqlDb, status: string) => async () => (await rows(db)).every((row) => row.status === status);

describe('engine error handling', () => {
  it('fails a 4xx at once and never retries it', async () => {
    const { engine, transport, db, clock } = await setup({ handler: () => respond(422, {}, 'bad payload') });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'failed'), 'failed');
    clock.advance(24 * 3600 * 1000);
    await settle();
    expect(transport.requests).toHaveLength(1);
    expect(await rows(db)).toMatchObject([
      { status: 'failed', attempts: 1, http_status: 422, last_error_category: 'http-rejected' },
    ]);
  });

  it('keeps each classified failure in the error log, newest first, for the Errors screen', async () => {
    const answers = [respond(503), respond(422, {}, 'bad payload')];
    const { engine, db, clock } = await setup({ handler: () => answers.shift() ?? respond(200) });
    engine.start();
    const { messageId } = await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'retrying'), 'retrying');
    clock.advance(3_600_000);
    await waitFor(statusIs(db, 'failed'), 'failed');
    const errors = await engine.listErrors();
    expect(errors.map((error) => [error.category, error.httpStatus, error.messageId])).toEqual([
      ['http-rejected', 422, messageId],
      ['http-transient', 503, messageId],
    ]);
    expect(await engine.listErrors(1)).toHaveLength(1);
  });

  it('retries a network error soon: while the breaker is closed, the first step is 1 s, jittered', async () => {
    const { engine, db, clock } = await setup({
      random: fixedRandom(0.9),
      handler: () => networkError('ECONNREFUSED'),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'retrying'), 'retrying');
    expect(await rows(db)).toMatchObject([{ next_attempt_at: clock.now() + 900, last_error_category: 'network' }]);
  });

  it('retries a network error while offline on the outage backoff (5 s first step), for going online to expedite', async () => {
    const { engine, db, clock, network } = await setup({
      random: fixedRandom(0.9),
      handler: () => {
        network.set(false);
        return networkError('ENETUNREACH');
      },
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'retrying'), 'retrying');
    expect(await rows(db)).toMatchObject([{ next_attempt_at: clock.now() + 4_500, last_error_category: 'network' }]);
  });

  it.each([
    ['seconds', () => '120'],
    ['an HTTP date', (now: number) => new Date(now + 120_000).toUTCString()],
  ])('honours Retry-After in %s: the retry is never earlier than the server asked', async (_kind, retryAfter) => {
    const { engine, transport, db, clock } = await setup({
      handler: (_r, index) => (index === 0 ? respond(503, { 'retry-after': retryAfter(clock.now()) }) : respond(200)),
    });
    engine.start();
    const start = clock.now();
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'retrying'), 'retrying');
    const due = (await rows(db))[0]!.next_attempt_at - start;
    expect(due).toBeGreaterThanOrEqual(120_000);
    expect(due).toBeLessThan(120_000 * 1.2);
    clock.advance(due - 1);
    await settle();
    expect(transport.requests).toHaveLength(1);
    clock.advance(1);
    await waitFor(statusIs(db, 'delivered'), 'delivered');
  });

  it('401 pauses the queue and loses nothing; a new secret resumes it and everything is delivered', async () => {
    const { engine, transport, db, clock } = await setup({
      config: { concurrency: 1 },
      handler: (request) => respond(request.headers['X-Signature'] === undefined ? 200 : 401),
    });
    engine.start();
    for (let i = 0; i < 5; i++) await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused');
    await settle();
    // Only the rechecks go out while paused, one message each (engine-pause-recheck.test.ts).
    clock.advance(3_749);
    await settle();
    expect(transport.requests).toHaveLength(1);
    expect(await rows(db)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ status: 'pending', attempts: 0 })),
    );
    const health = await engine.health();
    expect(health.status).toBe('down');
    expect(health.paused).toMatchObject({
      category: 'configuration',
      reason: expect.stringMatching(/credentials.*HTTP 401/),
    });
    expect(health.lastError).toMatchObject({ category: 'configuration' });
    engine.configure({ secret: null }); // this stub accepts unsigned requests
    await waitFor(statusIs(db, 'delivered'), 'all delivered');
    expect((await engine.health()).paused).toBeNull();
  });

  it('pauses without a single request when no webhook URL is configured, and resumes when one is', async () => {
    const { engine, transport, db } = await setup({ config: { webhookUrl: '' } });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused?.reason === 'no webhook URL configured', 'paused');
    expect(transport.requests).toHaveLength(0);
    engine.configure({ webhookUrl: 'https://hooks.example/new' });
    await waitFor(statusIs(db, 'delivered'), 'delivered');
    expect(transport.requests[0]!.url).toBe('https://hooks.example/new');
  });

  it('pauses when the transport cannot use the URL, and resume() restarts', async () => {
    const { engine, transport, db } = await setup({
      handler: (_r, index) => (index === 0 ? { kind: 'invalid-request', message: 'bad host' } : respond(200)),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused');
    expect(await rows(db)).toMatchObject([{ status: 'pending', attempts: 0 }]);
    engine.resume();
    await waitFor(statusIs(db, 'delivered'), 'delivered');
    expect(transport.requests).toHaveLength(2);
  });

  it('dead-letters after maxAttempts, and replayFailed gives the message a new life', async () => {
    const { engine, transport, db, clock } = await setup({ config: { maxAttempts: 3 }, handler: () => respond(500) });
    engine.start();
    await engine.enqueue(testSms());
    for (let attempt = 1; attempt < 3; attempt++) {
      await waitFor(() => transport.requests.length === attempt && clock.nextTimerAt() !== null, `attempt ${attempt}`);
      clock.fireNext();
    }
    await waitFor(statusIs(db, 'failed'), 'failed');
    expect(await rows(db)).toMatchObject([{ status: 'failed', attempts: 3 }]);
    transport.setHandler(() => respond(200));
    expect(await engine.replayFailed()).toBe(1);
    await waitFor(statusIs(db, 'delivered'), 'delivered after replay');
    expect(transport.requests).toHaveLength(4);
  });

  it('dead-letters a message older than maxAgeMs at its next failure', async () => {
    const { engine, db, clock } = await setup({ config: { maxAgeMs: 60_000 }, handler: () => respond(503) });
    await engine.enqueue(testSms());
    clock.advance(60_000);
    engine.start();
    await waitFor(statusIs(db, 'failed'), 'failed');
    expect(await rows(db)).toMatchObject([{ attempts: 1, last_error_category: 'http-transient' }]);
  });

  it('counts a message whose attempts ran out as given up, says why in the error log, and keeps the count after a replay', async () => {
    const { engine, transport, db, clock } = await setup({ config: { maxAttempts: 3 }, handler: () => respond(500) });
    engine.start();
    const { messageId } = await engine.enqueue(testSms());
    for (let attempt = 1; attempt < 3; attempt++) {
      await waitFor(() => transport.requests.length === attempt && clock.nextTimerAt() !== null, `attempt ${attempt}`);
      clock.fireNext();
    }
    await waitFor(statusIs(db, 'failed'), 'failed');
    expect(await engine.health()).toMatchObject({ failed: 1, gaveUp: 1 });
    const [last] = await engine.listErrors(1);
    expect(last).toMatchObject({ category: 'http-transient', messageId });
    expect(last?.message).toMatch(/^Gave up after 3 attempt\(s\) over \d+ s: HTTP 500/);
    transport.setHandler(() => respond(200));
    await engine.replayFailed();
    await waitFor(statusIs(db, 'delivered'), 'delivered after replay');
    expect(await engine.health()).toMatchObject({ failed: 0, gaveUp: 1 });
  });

  it('counts a message past maxAgeMs as given up at its next failure', async () => {
    const { engine, db, clock } = await setup({ config: { maxAgeMs: 3_600_000 }, handler: () => respond(503) });
    await engine.enqueue(testSms());
    clock.advance(3 * 3_600_000);
    engine.start();
    await waitFor(statusIs(db, 'failed'), 'failed');
    expect((await engine.health()).gaveUp).toBe(1);
    expect((await engine.listErrors(1))[0]?.message).toMatch(/^Gave up after 1 attempt\(s\) over 3\.0 h: HTTP 503/);
  });

  it('does not count a message the server refused as given up: the server said no, the budget did not run out', async () => {
    const { engine, db } = await setup({ handler: () => respond(422, {}, 'bad payload') });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'failed'), 'failed');
    expect(await engine.health()).toMatchObject({ failed: 1, gaveUp: 0 });
  });

  it('a pause by hand holds the queue through a configuration change, until resume()', async () => {
    const { engine, transport, db } = await setup();
    engine.start();
    engine.pause('maintenance');
    await engine.enqueue(testSms());
    engine.configure({ concurrency: 2 });
    await settle();
    expect(transport.requests).toHaveLength(0);
    expect((await engine.health()).reasons).toContain('queue paused: maintenance');
    engine.resume();
    await waitFor(statusIs(db, 'delivered'), 'delivered');
  });

  it('a revoked SMS permission shows as down, while stored messages still flow', async () => {
    const { engine, db } = await setup();
    engine.start();
    engine.pauseReceiver('RECEIVE_SMS permission revoked');
    await engine.enqueue(testSms());
    await waitFor(statusIs(db, 'delivered'), 'delivered');
    const health = await engine.health();
    expect(health).toMatchObject({
      status: 'down',
      receiverPaused: { reason: 'RECEIVE_SMS permission revoked', category: 'permissions' },
    });
    engine.resumeReceiver();
    expect((await engine.health()).status).toBe('healthy');
  });
});
