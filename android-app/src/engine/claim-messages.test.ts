import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { claimMessages, claimProbe } from './claim-messages';
import { enqueueSms } from './enqueue-sms';
import { migrate } from './migrate';
import type { SqlDb } from './ports';
import { recordDelivered, recordEarlyProbeFailed, recordRetry } from './record-outcome';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const leaseMs = 60_000;
let path: string;
let db: SqlDb;

async function enqueue(count: number, at = now): Promise<void> {
  for (let i = 0; i < count; i++) {
    await enqueueSms(
      db,
      { sender: `+1${i}`, parts: [{ body: `m${i}`, index: 1, total: 1 }], smscTimestamp: at, simSlot: 0 },
      'dev',
      at,
    );
  }
}

beforeEach(async () => {
  path = join(mkdtempSync(join(tmpdir(), 'smsgw-claim-')), 'gateway.sqlite');
  db = openSqliteDb(path);
  await migrate(db);
});
afterEach(async () => {
  await db.close();
});

describe('claimMessages', () => {
  it('claims more messages than one statement binds, each once, in id order', async () => {
    await enqueue(1_200);
    const rows = await claimMessages(db, { limit: 1_100, nowMs: now, leaseMs, owner: 'a' });
    expect(rows).toHaveLength(1_100);
    expect(new Set(rows.map((row) => row.id)).size).toBe(1_100);
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b));
    expect(rows.every((row) => row.status === 'sending' && row.lease_owner === 'a' && row.attempts === 1)).toBe(true);
    expect(await claimMessages(db, { limit: 1_100, nowMs: now, leaseMs, owner: 'b' })).toHaveLength(100);
  });

  it('claims due messages oldest first, leases them and counts the attempt', async () => {
    await enqueue(3);
    const rows = await claimMessages(db, { limit: 2, nowMs: now, leaseMs, owner: 'a' });
    expect(rows.map((r) => [r.sender, r.status, r.attempts, r.lease_until, r.lease_owner])).toEqual([
      ['+10', 'sending', 1, now + leaseMs, 'a'],
      ['+11', 'sending', 1, now + leaseMs, 'a'],
    ]);
    expect((await claimMessages(db, { limit: 5, nowMs: now, leaseMs, owner: 'a' })).map((r) => r.sender)).toEqual([
      '+12',
    ]);
    expect(await claimMessages(db, { limit: 5, nowMs: now, leaseMs, owner: 'a' })).toEqual([]);
  });

  it('claims due retries and expired leases before pending messages, which go in arrival order', async () => {
    await enqueue(3);
    const [first] = await claimMessages(db, { limit: 1, nowMs: now, leaseMs, owner: 'a' });
    await db.transaction((tx) =>
      recordRetry(tx, {
        row: first!,
        owner: 'a',
        nowMs: now,
        category: 'network',
        error: 'x',
        httpStatus: null,
        errorLogSize: 100,
        nextAttemptAt: now + 1_000,
        maxAttempts: 50,
        maxAgeMs: 1e12,
      }),
    );
    expect((await claimMessages(db, { limit: 1, nowMs: now + 500, leaseMs, owner: 'a' })).map((r) => r.sender)).toEqual(
      ['+11'],
    );
    expect(
      (await claimMessages(db, { limit: 2, nowMs: now + 1_000, leaseMs, owner: 'a' })).map((r) => [
        r.sender,
        r.attempts,
      ]),
    ).toEqual([
      ['+10', 2],
      ['+12', 1],
    ]);
  });

  it('does not claim a message whose next attempt is still in the future', async () => {
    await enqueue(1, now + 10_000);
    expect(await claimMessages(db, { limit: 5, nowMs: now, leaseMs, owner: 'a' })).toEqual([]);
    expect(await claimMessages(db, { limit: 5, nowMs: now + 10_000, leaseMs, owner: 'a' })).toHaveLength(1);
  });

  it('a crash mid-send leaves a lease that expires, and then the message is claimed again', async () => {
    await enqueue(1);
    await claimMessages(db, { limit: 1, nowMs: now, leaseMs, owner: 'crashed' });
    expect(await claimMessages(db, { limit: 1, nowMs: now + leaseMs - 1, leaseMs, owner: 'b' })).toEqual([]);
    const [row] = await claimMessages(db, { limit: 1, nowMs: now + leaseMs, leaseMs, owner: 'b' });
    expect(row).toMatchObject({ status: 'sending', lease_owner: 'b', attempts: 2 });
  });

  it('two connections claiming at once never get the same message, and together get all of them', async () => {
    await enqueue(200);
    const other = openSqliteDb(path);
    try {
      const claimed: Record<string, number[]> = { a: [], b: [] };
      const worker = async (conn: SqlDb, owner: 'a' | 'b') => {
        for (;;) {
          const rows = await claimMessages(conn, { limit: 7, nowMs: now, leaseMs, owner });
          if (rows.length === 0) return;
          claimed[owner]!.push(...rows.map((r) => r.id));
        }
      };
      await Promise.all([worker(db, 'a'), worker(other, 'b'), worker(db, 'a'), worker(other, 'b')]);
      const all = [...claimed.a!, ...claimed.b!];
      expect(all).toHaveLength(200);
      expect(new Set(all).size).toBe(200);
      expect(claimed.a!.length).toBeGreaterThan(0);
      expect(claimed.b!.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('50 concurrent status updates on one message leave no corruption and count every attempt by arithmetic', async () => {
    await enqueue(1);
    const cycles = Array.from({ length: 50 }, async (_, i) => {
      let claims = 0;
      for (let round = 0; round < 4; round++) {
        await new Promise((resolve) => setImmediate(resolve)); // interleave with the other 49
        const [row] = await claimMessages(db, { limit: 1, nowMs: now + i, leaseMs, owner: `o${i}` });
        if (!row) continue;
        const status = await db.transaction((tx) =>
          recordRetry(tx, {
            row,
            owner: `o${i}`,
            nowMs: now + i,
            category: 'network',
            error: 'ECONNRESET',
            httpStatus: null,
            errorLogSize: 100,
            nextAttemptAt: now,
            maxAttempts: 1_000,
            maxAgeMs: 1e12,
          }),
        );
        expect(status).toBe('retrying');
        claims++;
      }
      return claims;
    });
    const claims = (await Promise.all(cycles)).reduce((a, b) => a + b, 0);
    const [row] = await db.all<{ status: string; attempts: number; t: string }>(
      'SELECT status, attempts, typeof(attempts) AS t FROM messages',
    );
    expect(row).toEqual({ status: 'retrying', attempts: claims, t: 'integer' });
    expect(claims).toBeGreaterThan(1);
    expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});

describe('recording outcomes', () => {
  it('a sender whose lease was taken over cannot overwrite the new holder, but its 2xx still counts', async () => {
    await enqueue(1);
    const [stale] = await claimMessages(db, { limit: 1, nowMs: now, leaseMs, owner: 'slow' });
    await claimMessages(db, { limit: 1, nowMs: now + leaseMs, leaseMs, owner: 'fresh' });
    const status = await db.transaction((tx) =>
      recordRetry(tx, {
        row: stale!,
        owner: 'slow',
        nowMs: now + leaseMs + 1,
        category: 'network',
        error: 'x',
        httpStatus: null,
        errorLogSize: 100,
        nextAttemptAt: now,
        maxAttempts: 50,
        maxAgeMs: 1e12,
      }),
    );
    expect(status).toBeNull();
    expect(await db.all('SELECT status, lease_owner FROM messages')).toEqual([
      { status: 'sending', lease_owner: 'fresh' },
    ]);
    await db.transaction((tx) => recordDelivered(tx, stale!, 200, now + leaseMs + 2));
    expect(await db.all('SELECT status, http_status, latency_ms FROM messages')).toEqual([
      { status: 'delivered', http_status: 200, latency_ms: leaseMs + 2 },
    ]);
  });

  it('dead-letters a message that used its last attempt, or outlived its max age', async () => {
    await enqueue(2);
    const [first, second] = await claimMessages(db, { limit: 2, nowMs: now, leaseMs, owner: 'a' });
    const write = {
      owner: 'a',
      category: 'network' as const,
      error: 'ECONNREFUSED',
      httpStatus: null,
      errorLogSize: 100,
      nextAttemptAt: now + 5_000,
    };
    expect(
      await db.transaction((tx) =>
        recordRetry(tx, { ...write, row: first!, nowMs: now, maxAttempts: 1, maxAgeMs: 1e12 }),
      ),
    ).toBe('failed');
    expect(
      await db.transaction((tx) =>
        recordRetry(tx, { ...write, row: second!, nowMs: now + 10_000, maxAttempts: 50, maxAgeMs: 10_000 }),
      ),
    ).toBe('failed');
    expect(await db.all('SELECT status, completed_at FROM messages')).toEqual([
      { status: 'failed', completed_at: now },
      { status: 'failed', completed_at: now + 10_000 },
    ]);
  });
});

describe('claimProbe', () => {
  /** Three messages claimed by 'a': the first two failed, due in 60 s and 30 s; the third still in flight. */
  async function twoWaitingOneInFlight() {
    await enqueue(3);
    const [first, second, third] = await claimMessages(db, { limit: 3, nowMs: now, leaseMs, owner: 'a' });
    for (const [row, dueIn] of [
      [first!, 60_000],
      [second!, 30_000],
    ] as const) {
      await db.transaction((tx) =>
        recordRetry(tx, {
          row,
          owner: 'a',
          nowMs: now,
          category: 'http-transient',
          error: 'HTTP 503',
          httpStatus: 503,
          errorLogSize: 100,
          nextAttemptAt: now + dueIn,
          maxAttempts: 50,
          maxAgeMs: 1e12,
        }),
      );
    }
    return { first: first!, second: second!, third: third! };
  }
  const probe = (asked: ReadonlyMap<number, number> = new Map()) =>
    db.transaction((tx) => claimProbe(tx, { nowMs: now + 1_000, leaseMs, owner: 'p' }, asked));

  it('carries a due message when there is one, not early', async () => {
    await twoWaitingOneInFlight();
    await enqueue(1, now + 500);
    const claim = await probe();
    expect(claim).toMatchObject({ row: { sender: '+10', attempts: 1, lease_owner: 'p' }, earlyOfDueAt: null });
  });

  it('else carries the retry due soonest, early, never a message in flight nor one the server asked to wait', async () => {
    const { first, second } = await twoWaitingOneInFlight();
    const claim = await probe();
    expect(claim).toMatchObject({ row: { id: second.id, status: 'sending', attempts: 2 }, earlyOfDueAt: now + 30_000 });
    await db.run("UPDATE messages SET status = 'retrying', lease_owner = NULL WHERE id = ?", [second.id]);
    // The server's Retry-After holds the second until 30 s from now: the first goes early instead.
    expect(await probe(new Map([[second.id, now + 30_000]]))).toMatchObject({
      row: { id: first.id },
      earlyOfDueAt: now + 60_000,
    });
    expect(await probe(new Map([[second.id, now + 30_000]]))).toBeNull();
  });

  it('puts a failed early probe back at its own time, its attempt not counted', async () => {
    const { second } = await twoWaitingOneInFlight();
    const claim = await probe();
    const failure = {
      row: claim!.row,
      owner: 'p',
      nowMs: now + 2_000,
      category: 'network' as const,
      error: 'ECONNREFUSED',
      httpStatus: null,
      errorLogSize: 100,
    };
    expect(await db.transaction((tx) => recordEarlyProbeFailed(tx, failure, claim!.earlyOfDueAt!))).toBe(true);
    const [row] = await db.all<{
      status: string;
      attempts: number;
      next_attempt_at: number;
      lease_owner: string | null;
    }>('SELECT status, attempts, next_attempt_at, lease_owner FROM messages WHERE id = ?', [second.id]);
    expect(row).toEqual({ status: 'retrying', attempts: 1, next_attempt_at: now + 30_000, lease_owner: null });
    // Written by whoever holds the lease only.
    expect(await db.transaction((tx) => recordEarlyProbeFailed(tx, failure, now))).toBe(false);
  });
});
