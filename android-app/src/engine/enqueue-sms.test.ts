import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { enqueueSms } from './enqueue-sms';
import { migrate } from './migrate';
import type { SqlDb } from './ports';
import type { InboundSms } from './types';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const sms = (overrides: Partial<InboundSms> = {}): InboundSms => ({
  sender: '+15550001',
  parts: [{ body: 'hello', index: 1, total: 1 }],
  smscTimestamp: now - 1_000,
  simSlot: 0,
  ...overrides,
});

let path: string;
let db: SqlDb;
beforeEach(async () => {
  path = join(mkdtempSync(join(tmpdir(), 'smsgw-enqueue-')), 'gateway.sqlite');
  db = openSqliteDb(path);
  await migrate(db);
});
afterEach(async () => {
  await db.close();
});

describe('enqueueSms', () => {
  it('has the SMS committed on disk before it resolves (another connection sees it)', async () => {
    const { messageId, created } = await enqueueSms(db, sms(), 'dev-1', now);
    expect(created).toBe(true);
    const other = new Database(path, { readonly: true });
    try {
      expect(other.prepare('SELECT message_id, status, attempts, body FROM messages').all()).toEqual([
        { message_id: messageId, status: 'pending', attempts: 0, body: 'hello' },
      ]);
    } finally {
      other.close();
    }
  });

  it('gives the same capture the same messageId and stores it once (created: false)', async () => {
    const first = await enqueueSms(db, sms({ captureSeq: 17 }), 'dev-1', now);
    const again = await enqueueSms(db, sms({ captureSeq: 17 }), 'dev-1', now + 5_000);
    expect(again).toEqual({ messageId: first.messageId, created: false });
    expect(await db.all('SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 1 }]);
  });

  it('gives two identical texts (a GPS tracker repeating itself) different messageIds', async () => {
    const a = await enqueueSms(db, sms(), 'dev-1', now);
    const b = await enqueueSms(db, sms(), 'dev-1', now);
    expect(a.messageId).not.toBe(b.messageId);
    expect(await db.all('SELECT seq FROM messages ORDER BY id')).toEqual([{ seq: 1 }, { seq: 2 }]);
  });

  it('never confuses a sequence number the engine allocated with the same number from a capture', async () => {
    const allocated = await enqueueSms(db, sms(), 'dev-1', now); // gets seq 1
    const captured = await enqueueSms(db, sms({ captureSeq: 1 }), 'dev-1', now);
    expect(captured.created).toBe(true);
    expect(captured.messageId).not.toBe(allocated.messageId);
  });

  it('100 concurrent inserts lose nothing and keep 100 distinct senders and sequence numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        enqueueSms(
          db,
          sms({
            sender: `+1555${String(i).padStart(5, '0')}`,
            parts: [{ body: `Load test message #${i}`, index: 1, total: 1 }],
          }),
          'dev-1',
          now,
        ),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(100);
    const [counts] = await db.all<{ n: number; senders: number; seqs: number; maxSeq: number }>(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT sender) AS senders, COUNT(DISTINCT seq) AS seqs, MAX(seq) AS maxSeq FROM messages WHERE status = 'pending'",
    );
    expect(counts).toEqual({ n: 100, senders: 100, seqs: 100, maxSeq: 100 });
    expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('writes about five b-tree pages per enqueue commit, not the eight that halved ingest', async () => {
    const enqueue = (i: number) =>
      enqueueSms(
        db,
        sms({
          sender: `+1555${String(i).padStart(5, '0')}`,
          parts: [{ body: `Your code is ${i}`, index: 1, total: 1 }],
        }),
        'dev-1',
        now + i,
      );
    for (let i = 0; i < 20; i++) await enqueue(i);
    await db.all('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.run('PRAGMA wal_autocheckpoint = 0');
    const enqueues = 100;
    for (let i = 20; i < 20 + enqueues; i++) await enqueue(i);
    const pageSize = Number((await db.all<{ page_size: number }>('PRAGMA page_size'))[0]?.page_size);
    // A WAL frame is one page plus a 24-byte header, after the 32-byte file header; a page split now and then adds one.
    const frames = (statSync(`${path}-wal`).size - 32) / (pageSize + 24);
    expect(frames / enqueues).toBeLessThanOrEqual(5.5);
  });

  it("keeps the receiving SIM's subscription id and number, and neither changes the messageId", async () => {
    const plain = await enqueueSms(db, sms({ captureSeq: 30 }), 'dev-1', now);
    await db.run('DELETE FROM messages');
    const withSim = await enqueueSms(
      db,
      sms({ captureSeq: 30, subscriptionId: 4, receivedOn: ' +15550999 ' }),
      'dev-1',
      now,
    );
    expect(withSim.messageId).toBe(plain.messageId);
    expect(await db.all('SELECT subscription_id, received_on FROM messages')).toEqual([
      { subscription_id: 4, received_on: '+15550999' },
    ]);
  });

  it('stores an SMS whose receiving SIM details are malformed, without them', async () => {
    const odd = { subscriptionId: -1, receivedOn: 'x'.repeat(65) };
    await enqueueSms(db, sms(odd), 'dev-1', now);
    await enqueueSms(db, sms({ sender: '+15550002', subscriptionId: 1.5, receivedOn: '  ' }), 'dev-1', now);
    expect(await db.all('SELECT subscription_id, received_on FROM messages')).toEqual([
      { subscription_id: null, received_on: null },
      { subscription_id: null, received_on: null },
    ]);
  });

  it('stores a multipart SMS joined, with its part count', async () => {
    await enqueueSms(
      db,
      sms({
        parts: [
          { body: 'world', index: 2, total: 2 },
          { body: 'hello ', index: 1, total: 2 },
        ],
      }),
      'dev-1',
      now,
    );
    expect(await db.all('SELECT body, parts FROM messages')).toEqual([{ body: 'hello world', parts: 2 }]);
  });

  it('stores nothing when the SMS is invalid, and says what is wrong', async () => {
    await expect(enqueueSms(db, sms({ sender: '' }), 'dev-1', now)).rejects.toThrow(/`sender`/);
    await expect(enqueueSms(db, sms({ simSlot: -1 }), 'dev-1', now)).rejects.toThrow(/`simSlot`/);
    await expect(enqueueSms(db, sms({ smscTimestamp: Number.NaN }), 'dev-1', now)).rejects.toThrow(/`smscTimestamp`/);
    await expect(
      enqueueSms(
        db,
        sms({
          parts: [
            { body: 'a', index: 1, total: 2 },
            { body: 'b', index: 2, total: 3 },
          ],
        }),
        'dev-1',
        now,
      ),
    ).rejects.toMatchObject({ code: 'invalid-sms' });
    expect(await db.all('SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 0 }]);
  });
});
