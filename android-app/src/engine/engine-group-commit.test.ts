import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import type { SqlDb, SqlParams, TransportResult } from './ports';
import { deferred, respond } from '../../test/support/fake-transport';
import { flakyDb } from '../../test/support/flaky-db';
import { createTestEngine, testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const opened: SqlDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

function openDb(): { db: SqlDb; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'smsgw-group-')), 'gateway.sqlite');
  const db = openSqliteDb(path);
  opened.push(db);
  return { db, path };
}

/** Counts the transactions the engine opens, and the statements it runs outside them. */
function counting(inner: SqlDb): SqlDb & { transactions: number; statements: number } {
  const wrapped = {
    transactions: 0,
    statements: 0,
    run: (sql: string, params?: SqlParams) => {
      wrapped.statements++;
      return inner.run(sql, params);
    },
    all: <Row>(sql: string, params?: SqlParams) => {
      wrapped.statements++;
      return inner.all<Row>(sql, params);
    },
    transaction: <T>(work: (tx: SqlDb) => Promise<T>) => {
      wrapped.transactions++;
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
  return wrapped;
}

describe('engine group commit', () => {
  it('stores SMS enqueued together in one transaction, each committed when its enqueue resolves', async () => {
    const { db: real, path } = openDb();
    const db = counting(real);
    const { engine } = await createTestEngine({ db });
    const reader = openSqliteDb(path);
    opened.push(reader);
    const before = db.transactions;
    const stored = await Promise.all(
      Array.from({ length: 50 }, () =>
        engine
          .enqueue(testSms())
          .then(async () => (await reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM messages'))[0]!.n),
      ),
    );
    expect(db.transactions - before).toBe(1);
    // Whoever resolves first already sees all 50 on disk: they were committed together.
    expect(stored.every((n) => n === 50)).toBe(true);
  });

  it('with every slot busy, an enqueue costs its own commit and nothing more, and claims resume when a slot frees', async () => {
    const { db: real } = openDb();
    const db = counting(real);
    const answer = deferred<TransportResult>();
    const { engine, transport } = await createTestEngine({
      db,
      handler: () => answer.promise,
      config: { concurrency: 2 },
    });
    engine.start();
    await engine.enqueue(testSms());
    await engine.enqueue(testSms());
    await waitFor(() => transport.inFlight === 2, 'both slots busy');
    const before = { transactions: db.transactions, statements: db.statements };
    for (let i = 0; i < 5; i++) await engine.enqueue(testSms());
    // While every slot is taken, an enqueue runs no claim round (nor its due-time query): one commit each.
    expect({
      transactions: db.transactions - before.transactions,
      statements: db.statements - before.statements,
    }).toEqual({ transactions: 5, statements: 0 });
    answer.resolve(respond(200));
    expect(await engine.drain(5000)).toBe(true);
    expect(transport.requests).toHaveLength(7);
    await engine.stop();
  });

  it('refuses only the SMS whose write failed; the ones enqueued beside it are stored', async () => {
    const { db: real } = openDb();
    let failNext = 0;
    const db = flakyDb(real, (sql) => sql.startsWith('INSERT INTO messages') && failNext-- > 0, 'SQLITE_IOERR');
    const { engine } = await createTestEngine({ db, config: { dbRetryAttempts: 1 } });
    failNext = 1; // the first insert of the batch fails, once: the batch rolls back and each SMS is tried alone
    const results = await Promise.allSettled([
      engine.enqueue(testSms()),
      engine.enqueue(testSms()),
      engine.enqueue(testSms()),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await real.all('SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 3 }]);
    failNext = 0;
    const bad = { ...testSms(), sender: '' };
    const mixed = await Promise.allSettled([engine.enqueue(testSms()), engine.enqueue(bad), engine.enqueue(testSms())]);
    expect(mixed.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await real.all('SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 5 }]);
  });
});
