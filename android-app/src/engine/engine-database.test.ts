import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { EngineError } from './engine-error';
import type { SqlDb } from './ports';
import { flakyDb } from '../../test/support/flaky-db';
import { createTestEngine, testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const opened: SqlDb[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

function openDb(): SqlDb {
  const db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-gw-')), 'gateway.sqlite'));
  opened.push(db);
  return db;
}

/** Fires the fake clock's timers (the engine's db-retry pauses) until `done`. */
async function pump(clock: { fireNext(): boolean }, done: () => Promise<boolean> | boolean): Promise<void> {
  await waitFor(async () => (await done()) || (clock.fireNext(), false), 'the engine to get through');
}

describe('engine under database errors', () => {
  it('retries an enqueue that meets SQLITE_BUSY and stores the SMS', async () => {
    const real = openDb();
    let busy = 3;
    const db = flakyDb(real, (sql) => sql.startsWith('INSERT INTO messages') && busy-- > 0);
    const { engine, clock } = await createTestEngine({ db });
    const enqueued = engine.enqueue(testSms());
    let result: unknown;
    void enqueued.then((value) => (result = value));
    await pump(clock, () => result !== undefined);
    expect(result).toMatchObject({ created: true });
    expect(db.failures).toBe(3);
    expect(await real.all('SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 1 }]);
  });

  it('rejects an enqueue with a database EngineError when the disk stays full, and stores nothing half-way', async () => {
    const real = openDb();
    const db = flakyDb(real, (sql) => sql.startsWith('INSERT INTO messages'), 'SQLITE_FULL');
    const { engine, clock } = await createTestEngine({ db, config: { dbRetryAttempts: 3 } });
    let error: unknown;
    engine.enqueue(testSms()).catch((e: unknown) => (error = e));
    await pump(clock, () => error !== undefined);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'database', category: 'database' });
    expect(
      await real.all(
        "SELECT COUNT(*) AS n, (SELECT value FROM gateway_state WHERE key = 'next_seq') AS seq FROM messages",
      ),
    ).toEqual([{ n: 0, seq: 0 }]);
  });

  it('a busy database while recording a delivery is retried: the outcome is written, nothing lost', async () => {
    const real = openDb();
    let busy = 2;
    const db = flakyDb(real, (sql) => sql.includes("SET status = 'delivered'") && busy-- > 0);
    const { engine, clock, transport } = await createTestEngine({ db });
    stops.push(() => engine.stop());
    engine.start();
    await engine.enqueue(testSms());
    await pump(
      clock,
      async () => (await real.all<{ status: string }>('SELECT status FROM messages'))[0]?.status === 'delivered',
    );
    expect(transport.requests).toHaveLength(1);
    expect(db.failures).toBe(2);
  });

  it('a claim that keeps failing is tried again after a moment, and the message still goes out', async () => {
    const real = openDb();
    let busy = 12; // more than one round of db retries: the dispatcher itself must come back
    const db = flakyDb(real, (sql) => sql.includes("SET status = 'sending'") && busy-- > 0);
    const { engine, clock, transport } = await createTestEngine({ db, config: { dbRetryAttempts: 5 } });
    stops.push(() => engine.stop());
    engine.start();
    await engine.enqueue(testSms());
    await pump(clock, () => transport.requests.length === 1);
    const health = await engine.health();
    expect(health.lastError).toMatchObject({ category: 'database' });
  });
});
