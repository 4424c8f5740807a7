import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import type { SqlDb } from './ports';
import { networkError } from '../../test/support/fake-transport';
import { createTestEngine, testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

let db: SqlDb;
let stop: () => Promise<void> = async () => undefined;
afterEach(async () => {
  await stop();
  await db.close();
});

const freshDb = () => openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-next-due-')), 'gateway.sqlite'));
const generous = 30_000;

describe("the engine's next due moment", () => {
  it('is null with nothing queued, and now for a message not yet sent', async () => {
    db = freshDb();
    const { engine, clock } = await createTestEngine({ db });
    expect(await engine.nextDueAt()).toBeNull();
    await engine.enqueue(testSms());
    expect(await engine.nextDueAt()).toBe(clock.now());
  });

  it("is a failed send's retry moment, once the send has failed", async () => {
    db = freshDb();
    const { engine, clock, transport } = await createTestEngine({
      db,
      config: { retryBaseMs: { network: 8_000 } },
      handler: () => networkError('ECONNREFUSED'),
    });
    stop = () => engine.stop();
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).retrying === 1, 'the retry recorded', generous);
    await engine.stop();
    expect(transport.requests).toHaveLength(1);
    const [message] = await engine.listMessages();
    expect(message?.status).toBe('retrying');
    expect(message!.nextAttemptAt).toBeGreaterThan(clock.now());
    expect(await engine.nextDueAt()).toBe(message!.nextAttemptAt);
  });

  it("is the circuit breaker's probe while it is open, however overdue the retries are", async () => {
    db = freshDb();
    const { engine, clock, transport } = await createTestEngine({
      db,
      config: { concurrency: 1, breakerThreshold: 2, breakerProbeBaseMs: 600_000, retryBaseMs: { network: 1_000 } },
      handler: () => networkError('ECONNREFUSED'),
    });
    stop = () => engine.stop();
    engine.start();
    for (let i = 0; i < 3; i++) await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).breaker === 'open', 'the breaker open', generous);
    await engine.stop();
    expect(transport.requests).toHaveLength(2);
    // Every message is due within seconds (the third since it was stored), yet the breaker claims
    // nothing before its probe, at least half of its 10 min step away.
    const latestAttempt = Math.max(...(await engine.listMessages()).map((message) => message.nextAttemptAt));
    expect(latestAttempt).toBeLessThan(clock.now() + 60_000);
    expect(await engine.nextDueAt()).toBeGreaterThanOrEqual(clock.now() + 300_000);
  });
});
