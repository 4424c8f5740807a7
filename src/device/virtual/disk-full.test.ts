import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../../android-app/src/engine/ports';
import { createDiskFull } from './disk-full';
import { openSqliteDb } from '../../../android-app/node/sqlite-db';

let db: SqlDb | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

/** A WAL database with a table of SMS-sized rows, like the gateway's. */
async function openWithRows(rows: number): Promise<SqlDb> {
  db = openSqliteDb(join(mkdtempSync(join(os.tmpdir(), 'smsgw-disk-')), 'device.sqlite'));
  await db.run('CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  for (let i = 0; i < rows; i++) await db.run('INSERT INTO messages (body) VALUES (?)', [`hello ${i} `.repeat(20)]);
  return db;
}

/** Inserts SMS-sized rows until one fails; returns how many went in and the failure's code. */
async function insertUntilRefused(target: SqlDb, tries: number): Promise<{ stored: number; code: string | null }> {
  for (let stored = 0; stored < tries; stored++) {
    try {
      await target.run('INSERT INTO messages (body) VALUES (?)', ['x'.repeat(200)]);
    } catch (error) {
      return { stored, code: (error as { code?: string }).code ?? null };
    }
  }
  return { stored: tries, code: null };
}

describe('createDiskFull', () => {
  it('makes SQLite refuse new rows with SQLITE_FULL in WAL mode, and take them again once freed', async () => {
    const target = await openWithRows(50);
    expect(await target.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    const disk = createDiskFull(target);
    await disk.set(true);
    expect(disk.full).toBe(true);
    // The last page may still hold a row or two; after that every insert needs a page there is not.
    const refused = await insertUntilRefused(target, 40);
    expect(refused.code).toBe('SQLITE_FULL');
    expect(refused.stored).toBeLessThan(40);
    await disk.set(false);
    expect(disk.full).toBe(false);
    expect(await insertUntilRefused(target, 40)).toEqual({ stored: 40, code: null });
  });

  it('fills free pages first, so a file with room inside it still runs out', async () => {
    const target = await openWithRows(400);
    await target.run('DELETE FROM messages');
    const [free] = await target.all<{ freelist_count: number }>('PRAGMA freelist_count');
    expect(free?.freelist_count).toBeGreaterThan(10);
    await createDiskFull(target).set(true);
    // Without the filler, the free pages would take about as many rows as were deleted.
    const refused = await insertUntilRefused(target, 400);
    expect(refused.code).toBe('SQLITE_FULL');
    expect(refused.stored).toBeLessThan(20);
  });

  it('leaves no filler behind once freed, even after a fill a killed device left over', async () => {
    const target = await openWithRows(10);
    await createDiskFull(target).set(true);
    // A new process on the same file: its own connection, no cap, the old filler still there.
    const restarted = createDiskFull(target);
    await restarted.set(false);
    expect(await target.all("SELECT name FROM sqlite_schema WHERE name LIKE 'smsgw_chaos%'")).toEqual([]);
  });
});
