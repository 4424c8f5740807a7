import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlDb } from '../src/engine/ports';
import { openSqliteDb, SqliteDbError } from './sqlite-db';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'smsgw-sqlite-')), 'test.sqlite');
const opened: SqlDb[] = [];
const open = (path = tempPath(), options = {}) => {
  const db = openSqliteDb(path, options);
  opened.push(db);
  return db;
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close().catch(() => undefined)));
});

describe('openSqliteDb', () => {
  it('opens in WAL mode with synchronous=FULL, so a committed row survives a power cut', async () => {
    const db = open();
    expect(await db.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.all('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    expect((await db.all<{ timeout: number }>('PRAGMA busy_timeout'))[0]?.timeout).toBe(5000);
  });

  it('commits a transaction and rolls one back when its work throws', async () => {
    const db = open();
    await db.run('CREATE TABLE t (v INTEGER)');
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (?)', [1]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (?)', [2]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 1 }]);
  });

  it('keeps concurrent transactions on one connection apart instead of nesting them', async () => {
    const db = open();
    await db.run('CREATE TABLE counter (n INTEGER)');
    await db.run('INSERT INTO counter VALUES (0)');
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.all<{ n: number }>('SELECT n FROM counter');
          await new Promise((resolve) => setImmediate(resolve)); // let the others try to interleave
          await tx.run('UPDATE counter SET n = ?', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.all('SELECT n FROM counter')).toEqual([{ n: 50 }]);
  });

  it('lets two connections to one file in one process write without SQLITE_BUSY', async () => {
    const path = tempPath();
    const a = open(path, { busyTimeoutMs: 50 });
    await a.run('CREATE TABLE t (v INTEGER)');
    const b = open(path, { busyTimeoutMs: 50 });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).transaction(async (tx) => {
          await new Promise((resolve) => setImmediate(resolve));
          await tx.run('INSERT INTO t VALUES (?)', [i]);
        }),
      ),
    );
    expect(await a.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 40 }]);
  });

  it('reports a lock held by another process as SQLITE_BUSY, code kept for the classifier', async () => {
    const path = tempPath();
    const db = open(path, { busyTimeoutMs: 10 });
    await db.run('CREATE TABLE t (v INTEGER)');
    const other = new Database(path); // stands in for another process: not coordinated by the adapter
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await db.run('INSERT INTO t VALUES (1)').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SqliteDbError);
      expect((error as SqliteDbError).code).toBe('SQLITE_BUSY');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('maps constraint failures with their SQLite code', async () => {
    const db = open();
    await db.run('CREATE TABLE t (v INTEGER UNIQUE)');
    await db.run('INSERT INTO t VALUES (1)');
    await expect(db.run('INSERT INTO t VALUES (1)')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
  });

  it('returns rows from UPDATE … RETURNING and binds blobs from Uint8Array', async () => {
    const db = open();
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB, n INTEGER)');
    await db.run('INSERT INTO t (b, n) VALUES (?, 0)', [Uint8Array.from([1, 2, 3])]);
    expect(await db.all('UPDATE t SET n = n + 1 RETURNING id, n')).toEqual([{ id: 1, n: 1 }]);
    const [row] = await db.all<{ b: Buffer }>('SELECT b FROM t');
    expect([...row!.b]).toEqual([1, 2, 3]);
    expect(await db.all('DELETE FROM t WHERE id = 99')).toEqual([]);
  });

  it('keeps answering correctly when more statements are used than the cache holds', async () => {
    const db = open(tempPath(), { statementCacheSize: 2 });
    for (let i = 0; i < 5; i++) {
      for (const sql of ['SELECT 1 AS v', 'SELECT 2 AS v', 'SELECT 3 AS v']) expect((await db.all(sql)).length).toBe(1);
    }
  });

  it("keeps SQLite's page cache at pageCacheKib instead of better-sqlite3's 16,000 KiB, so a growing queue does not creep the device's memory", async () => {
    expect(await open(tempPath(), { pageCacheKib: 2_000 }).all('PRAGMA cache_size')).toEqual([{ cache_size: -2_000 }]);
  });

  it('rejects a pageCacheKib that is not a positive integer, naming the value', () => {
    expect(() => openSqliteDb(tempPath(), { pageCacheKib: -3 })).toThrow(
      'Expected `pageCacheKib` to be a positive integer, got -3',
    );
    expect(() => openSqliteDb(tempPath(), { pageCacheKib: 1.5 })).toThrow(/got 1.5/);
  });

  it('refuses to nest a transaction, and refuses work after close', async () => {
    const db = openSqliteDb(tempPath());
    await expect(db.transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow(/not re-entrant/);
    await db.close();
    await expect(db.run('SELECT 1')).rejects.toThrow(/closed/);
  });
});
