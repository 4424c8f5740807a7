import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { lockDatabase, type DbLock } from './db-lock';

const opened: Array<Database.Database | DbLock> = [];
afterEach(() => {
  for (const handle of opened.splice(0)) {
    if ('release' in handle) handle.release();
    else if (handle.open) handle.close();
  }
});

/** A WAL database file with one row, as the device leaves it; returns its path. */
function walDatabase(): string {
  const path = join(mkdtempSync(join(os.tmpdir(), 'smsgw-lock-')), 'device.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO messages (body) VALUES ('hello')");
  db.close();
  return path;
}

/** A second connection that never waits, as the device's would with busy_timeout 0. */
function impatient(path: string): Database.Database {
  const db = new Database(path, { timeout: 0 });
  opened.push(db);
  return db;
}

const errorCode = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
};

describe('lockDatabase', () => {
  it('holds the write lock of a WAL database until released, while readers carry on', async () => {
    const path = walDatabase();
    const lock = await lockDatabase(path);
    opened.push(lock);
    const device = impatient(path);
    expect(errorCode(() => device.exec("INSERT INTO messages (body) VALUES ('x')"))).toBe('SQLITE_BUSY');
    expect(device.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 1 });
    lock.release();
    expect(errorCode(() => device.exec("INSERT INTO messages (body) VALUES ('x')"))).toBeNull();
  });

  it('waits for a lock someone else holds without blocking the event loop, then takes it', async () => {
    const path = walDatabase();
    const other = impatient(path);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    setTimeout(() => other.exec('COMMIT'), 150);
    try {
      const lock = await lockDatabase(path, { timeoutMs: 5_000, pollMs: 10 });
      opened.push(lock);
    } finally {
      clearInterval(ticker);
    }
    // A synchronous busy wait would have frozen the interval for the whole 150 ms.
    expect(ticks).toBeGreaterThan(5);
    expect(errorCode(() => other.exec("INSERT INTO messages (body) VALUES ('x')"))).toBe('SQLITE_BUSY');
  });

  it('gives up with a device-unavailable error when the lock never comes free', async () => {
    const path = walDatabase();
    const other = impatient(path);
    other.exec('BEGIN IMMEDIATE');
    await expect(lockDatabase(path, { timeoutMs: 100, pollMs: 10 })).rejects.toMatchObject({
      code: 'device-unavailable',
    });
    other.exec('COMMIT');
  });

  it('refuses a file that does not exist rather than creating an empty database', async () => {
    const missing = join(mkdtempSync(join(os.tmpdir(), 'smsgw-lock-')), 'nope.sqlite');
    await expect(lockDatabase(missing)).rejects.toBeInstanceOf(SmsgwError);
  });

  it('can be released twice', async () => {
    const lock = await lockDatabase(walDatabase());
    lock.release();
    expect(() => lock.release()).not.toThrow();
  });
});
