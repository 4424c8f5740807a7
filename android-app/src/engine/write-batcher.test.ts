import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { microtask, type SqlDb } from './ports';
import { WriteBatcher } from './write-batcher';

let path: string;
let db: SqlDb;
let reader: SqlDb;
let transactions: number;
let failBegin: Error | null;

/** The real database, counting transactions; `failBegin` makes the next BEGIN fail the way a busy file does. */
function counting(inner: SqlDb): SqlDb {
  return {
    run: (sql, params) => inner.run(sql, params),
    all: (sql, params) => inner.all(sql, params),
    transaction: (work) => {
      transactions++;
      if (failBegin) return Promise.reject(failBegin);
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
}

beforeEach(async () => {
  path = join(mkdtempSync(join(tmpdir(), 'smsgw-batch-')), 'gateway.sqlite');
  db = openSqliteDb(path);
  await db.run('CREATE TABLE t (v TEXT NOT NULL)');
  reader = openSqliteDb(path);
  transactions = 0;
  failBegin = null;
});
afterEach(async () => {
  await reader.close();
  await db.close();
});

const insert = (value: string | null) => async (tx: SqlDb) =>
  (await tx.run('INSERT INTO t (v) VALUES (?)', [value])).changes;
const stored = async () => (await reader.all<{ v: string }>('SELECT v FROM t ORDER BY rowid')).map((row) => row.v);

describe('WriteBatcher', () => {
  it('puts writes submitted together in one transaction, in submission order', async () => {
    const batcher = new WriteBatcher(counting(db), 100, microtask);
    await Promise.all(['a', 'b', 'c', 'd'].map((value) => batcher.submit(insert(value))));
    expect(transactions).toBe(1);
    expect(await stored()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('resolves each write only once its transaction is committed (another connection sees it)', async () => {
    const batcher = new WriteBatcher(counting(db), 100, microtask);
    const seen = await Promise.all(['a', 'b'].map((value) => batcher.submit(insert(value)).then(stored)));
    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('splits a backlog into transactions of at most maxBatch writes', async () => {
    const batcher = new WriteBatcher(counting(db), 3, microtask);
    await Promise.all(Array.from({ length: 7 }, (_, i) => batcher.submit(insert(`v${i}`))));
    expect(transactions).toBe(3);
    expect(await stored()).toHaveLength(7);
  });

  it('fails only the bad write of a batch: its neighbours are retried one by one and stored', async () => {
    const batcher = new WriteBatcher(counting(db), 100, microtask);
    const results = await Promise.allSettled([
      batcher.submit(insert('a')),
      batcher.submit(insert(null)),
      batcher.submit(insert('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(await stored()).toEqual(['a', 'c']);
  });

  it('when the transaction cannot even begin, every waiting write hears why, and the next ones still go through', async () => {
    const batcher = new WriteBatcher(counting(db), 100, microtask);
    failBegin = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const results = await Promise.allSettled([batcher.submit(insert('a')), batcher.submit(insert('b'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    failBegin = null;
    await batcher.submit(insert('c'));
    expect(await stored()).toEqual(['c']);
  });

  it('takes the writes that arrive while it waits for its turn (deferred start)', async () => {
    const turns: (() => void)[] = [];
    const batcher = new WriteBatcher(counting(db), 100, (callback) => void turns.push(callback));
    const first = batcher.submit(insert('a'));
    const second = batcher.submit(insert('b'));
    expect(turns).toHaveLength(1);
    turns.shift()!();
    await Promise.all([first, second]);
    expect(transactions).toBe(1);
  });
});
