import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../../src/device/virtual/sqlite-db';
import { migrate, schemaVersion } from './migrate';
import type { SqlDb } from './ports';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'smsgw-migrate-')), 'gateway.sqlite');
const opened: SqlDb[] = [];
const open = (path = tempPath()) => {
  const db = openSqliteDb(path);
  opened.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('migrate', () => {
  it('creates the schema and records its version in user_version', async () => {
    const db = open();
    expect(await migrate(db)).toBe(schemaVersion);
    expect(await db.all('PRAGMA user_version')).toEqual([{ user_version: schemaVersion }]);
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['errors', 'gateway_state', 'latency_counts', 'messages', 'minute_counts']);
  });

  it('creates the indexes that claiming and health rely on', async () => {
    const db = open();
    await migrate(db);
    const indexes = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
    expect(indexes.map((i) => i.name)).toEqual(['messages_completed', 'messages_status_created', 'messages_waiting']);
  });

  it('is idempotent: running it again changes nothing', async () => {
    const db = open();
    await migrate(db);
    await db.run("UPDATE gateway_state SET value = 41 WHERE key = 'next_seq'");
    await migrate(db);
    expect(await db.all("SELECT value FROM gateway_state WHERE key = 'next_seq'")).toEqual([{ value: 41 }]);
  });

  it('two processes migrating one file at once both end at the current version', async () => {
    const path = tempPath();
    const [a, b] = [open(path), open(path)];
    await Promise.all([migrate(a!), migrate(b!)]);
    expect(await b!.all('PRAGMA user_version')).toEqual([{ user_version: schemaVersion }]);
  });

  it('refuses a database written by a newer engine instead of corrupting it', async () => {
    const db = open();
    await db.run(`PRAGMA user_version = ${schemaVersion + 1}`);
    await expect(migrate(db)).rejects.toThrow(/newer than this engine/);
  });
});
