import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { migrate, migrations, schemaVersion } from './migrate';
import type { SqlDb } from './ports';
import { listMessages } from './queue-queries';

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
    expect(tables.map((t) => t.name)).toEqual([
      'errors',
      'gateway_state',
      'latency_counts',
      'messages',
      'minute_counts',
    ]);
  });

  it('creates the indexes that claiming and health rely on', async () => {
    const db = open();
    await migrate(db);
    const indexes = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    );
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

  it('cuts the server answers that schema 3 kept out of the error log and the messages, keeping the rest of each error', async () => {
    const db = open();
    for (const steps of migrations.slice(0, 3)) for (const sql of steps) await db.run(sql);
    await db.run('PRAGMA user_version = 3');
    const echo = '{"from":"+15557778888","text":"my secret PIN is 4321"}';
    const stored = [
      `HTTP 400: ${echo}`,
      `Webhook rejected our credentials (check the secret): HTTP 401: ${echo}`,
      'HTTP 503',
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
      'Webhook redirects (301 to https://new.example/hook): set the final URL',
    ];
    for (const [i, message] of stored.entries()) {
      await db.run('INSERT INTO errors (at, category, message, message_id, http_status) VALUES (?, ?, ?, ?, ?)', [
        i,
        'http-rejected',
        message,
        `m-${i}`,
        400,
      ]);
      await db.run(
        `INSERT INTO messages (message_id, sender, body, parts, received_at, sim_slot, seq, created_at, retry_since, next_attempt_at, status, last_error)
         VALUES (?, '+15557778888', 'my secret PIN is 4321', 1, 0, 0, ?, 0, 0, 0, 'failed', ?)`,
        [`m-${i}`, i, message],
      );
    }
    await migrate(db);
    const kept = [
      'HTTP 400',
      'Webhook rejected our credentials (check the secret): HTTP 401',
      'HTTP 503',
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
      'Webhook redirects (301 to https://new.example/hook): set the final URL',
    ];
    expect(
      (await db.all<{ message: string }>('SELECT message FROM errors ORDER BY id')).map((row) => row.message),
    ).toEqual(kept);
    expect(
      (await db.all<{ last_error: string }>('SELECT last_error FROM messages ORDER BY seq')).map(
        (row) => row.last_error,
      ),
    ).toEqual(kept);
  });

  it("gives the messages of schema 4 the receiving SIM's columns, empty, and lists them as unknown", async () => {
    const db = open();
    for (const steps of migrations.slice(0, 4)) for (const sql of steps) await db.run(sql);
    await db.run('PRAGMA user_version = 4');
    await db.run(
      `INSERT INTO messages (message_id, sender, body, parts, received_at, sim_slot, seq, created_at, retry_since, next_attempt_at)
       VALUES ('m-old', '+15550001', 'queued before the upgrade', 1, 0, 1, 1, 0, 0, 0)`,
    );
    expect(await migrate(db)).toBe(schemaVersion);
    const [message] = await listMessages(db);
    expect(message).toMatchObject({ messageId: 'm-old', simSlot: 1, subscriptionId: null, receivedOn: null });
  });

  it('refuses a database written by a newer engine instead of corrupting it', async () => {
    const db = open();
    await db.run(`PRAGMA user_version = ${schemaVersion + 1}`);
    await expect(migrate(db)).rejects.toThrow(/newer than this engine/);
  });
});
