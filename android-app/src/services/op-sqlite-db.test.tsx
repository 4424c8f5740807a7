import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createEngine } from '../engine';
import { configureConnection, createOpSqliteDb, OpSqliteError } from './op-sqlite-db';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-opsqlite-'));
  dirs.push(dir);
  return join(dir, 'test.db');
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createOpSqliteDb', () => {
  it('runs statements and returns rows and change counts', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    expect(await db.run('INSERT INTO t (name) VALUES (?), (?)', ['a', 'b'])).toEqual({ changes: 2 });
    expect(await db.all('SELECT name FROM t ORDER BY id')).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('returns the rows of UPDATE … RETURNING through all()', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
    await db.run("INSERT INTO t VALUES ('n', 1)");
    expect(await db.all("UPDATE t SET v = v + 1 WHERE k = 'n' RETURNING v")).toEqual([{ v: 2 }]);
  });

  it('binds bigint parameters as numbers, since op-sqlite has no bigint', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    expect(await db.all('SELECT ? + 1 AS v', [41n])).toEqual([{ v: 42 }]);
  });

  it('commits a transaction with BEGIN IMMEDIATE', async () => {
    const connection = fakeOpSqlite();
    const db = createOpSqliteDb(connection);
    await db.run('CREATE TABLE t (v INTEGER)');
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      await tx.run('INSERT INTO t VALUES (2)');
    });
    expect(connection.statements).toContain('BEGIN IMMEDIATE');
    expect(await db.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 2 }]);
  });

  it('rolls a transaction back when its work throws, and rethrows', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await db.run('CREATE TABLE t (v INTEGER)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('keeps statements from outside a transaction out of it until it commits', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await db.run('CREATE TABLE t (v INTEGER)');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = db.transaction(async (inner) => {
      await inner.run('INSERT INTO t VALUES (1)');
      await gate;
      throw new Error('rolled back');
    });
    const outside = db.run('INSERT INTO t VALUES (2)');
    release();
    await expect(tx).rejects.toThrow('rolled back');
    await outside;
    // Had the outside insert joined the transaction, the rollback would have taken it too.
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 2 }]);
  });

  it('refuses a nested transaction instead of deadlocking', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await expect(db.transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow('not re-entrant');
  });

  it('gives SQLite failures a code the engine can classify', async () => {
    const db = createOpSqliteDb({
      execute: () => Promise.reject(new Error('[op-sqlite] SQLite code: 5 description: database is locked')),
      close: () => {},
    });
    const error = await db.run('SELECT 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpSqliteError);
    expect((error as OpSqliteError).code).toBe('SQLITE_BUSY');
  });

  it('refuses statements after close', async () => {
    const db = createOpSqliteDb(fakeOpSqlite());
    await db.close();
    await expect(db.run('SELECT 1')).rejects.toThrow('closed');
  });
});

describe('configureConnection', () => {
  it('puts the file in WAL mode with synchronous=FULL', async () => {
    const connection = fakeOpSqlite(tempFile());
    await configureConnection(createOpSqliteDb(connection));
    expect(connection.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });
});

describe('the engine on op-sqlite', () => {
  it('stores an SMS durably, where a restarted process finds it', async () => {
    const path = tempFile();
    const db = createOpSqliteDb(fakeOpSqlite(path));
    await configureConnection(db);
    const engine = await createEngine({
      db,
      transport: { post: async () => ({ kind: 'response', status: 200, headers: {}, body: '' }) },
      config: { webhookUrl: '', deviceId: 'dev-1' },
    });
    const result = await engine.enqueue({
      sender: '+46700000001',
      parts: [{ body: 'hej', index: 1, total: 1 }],
      smscTimestamp: 1,
      simSlot: 0,
      captureSeq: 7,
    });
    expect(result.created).toBe(true);
    await db.close();
    // A second connection (a restarted process) sees the committed row.
    const reopened = fakeOpSqlite(path);
    expect(reopened.raw.prepare('SELECT body, seq FROM messages').all()).toEqual([{ body: 'hej', seq: 7 }]);
    reopened.close();
  });
});
