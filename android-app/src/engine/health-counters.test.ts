import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { claimMessages } from './claim-messages';
import { enqueueSms } from './enqueue-sms';
import { latencyBucket, latencyBucketSql } from './health-counters';
import { migrate, migrations, schemaVersion } from './migrate';
import type { SqlDb } from './ports';
import { pruneFinished, replayFailed } from './queue-queries';
import { recordDelivered, recordRejected, recordReleased, recordRetry } from './record-outcome';

const now = Date.UTC(2025, 5, 15, 12, 0, 30);
const leaseMs = 60_000;
let db: SqlDb;
const open = (): SqlDb => openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-counters-')), 'gateway.sqlite'));
beforeEach(() => {
  db = open();
});
afterEach(async () => {
  await db.close();
});

const enqueue = (n: number, at = now) =>
  enqueueSms(
    db,
    { sender: `+1${n}`, parts: [{ body: `m${n}`, index: 1, total: 1 }], smscTimestamp: at, simSlot: 0 },
    'dev',
    at,
  );

/**
 * Stores one SMS as the engines of schemas 1–4 did (no receiving SIM columns yet, which the current
 * enqueue names): the rows an old database holds when it is upgraded.
 */
async function enqueueOld(n: number, at = now): Promise<void> {
  await db.run("UPDATE gateway_state SET value = value + 1 WHERE key = 'next_seq'");
  const [row] = await db.all<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'next_seq'");
  await db.run(
    `INSERT INTO messages (message_id, sender, body, parts, received_at, sim_slot, seq, created_at, retry_since,
       status, attempts, next_attempt_at)
     VALUES (?, ?, ?, 1, ?, 0, ?, ?, ?, 'pending', 0, ?)`,
    [`old-${n}`, `+1${n}`, `m${n}`, at, row!.value, at, at, at],
  );
}

/** Every counter, recomputed from the rows by brute force, must equal the trigger-kept one. */
async function expectCountersMatchRows(): Promise<void> {
  const pairs: [string, string][] = [
    [
      'SELECT status AS k, COUNT(*) AS n FROM messages GROUP BY 1 ORDER BY 1',
      `SELECT substr(key, 8) AS k, value AS n FROM gateway_state WHERE key LIKE 'status:%' AND value <> 0 ORDER BY 1`,
    ],
    [
      'SELECT created_at / 60000 AS k, COUNT(*) AS n FROM messages GROUP BY 1 ORDER BY 1',
      'SELECT minute AS k, created AS n FROM minute_counts WHERE created <> 0 ORDER BY 1',
    ],
    [
      `SELECT completed_at / 60000 AS k, SUM(status = 'delivered') AS d, SUM(status = 'failed') AS f FROM messages
        WHERE completed_at IS NOT NULL GROUP BY 1 HAVING d + f > 0 ORDER BY 1`,
      'SELECT minute AS k, delivered AS d, failed AS f FROM minute_counts WHERE delivered + failed > 0 ORDER BY 1',
    ],
    [
      `SELECT ${latencyBucketSql('latency_ms')} AS b, delivered_at / 3600000 AS h, COUNT(*) AS n FROM messages
        WHERE latency_ms IS NOT NULL AND delivered_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      'SELECT bucket AS b, hour AS h, n FROM latency_counts WHERE n <> 0 ORDER BY 1, 2',
    ],
  ];
  for (const [truth, counters] of pairs) expect(await db.all(counters)).toEqual(await db.all(truth));
}

describe('health counters', () => {
  it('follow every status transition the engine makes, and a prune', async () => {
    await migrate(db);
    for (let n = 0; n < 6; n++) await enqueue(n, now + n * 70_000);
    await expectCountersMatchRows();
    const rows = await claimMessages(db, { limit: 6, nowMs: now + 500_000, leaseMs, owner: 'a' });
    await expectCountersMatchRows();
    const [a, b, c, d, e] = rows;
    const failure = {
      owner: 'a',
      nowMs: now + 501_000,
      category: 'network' as const,
      error: 'x',
      httpStatus: null,
      errorLogSize: 10,
    };
    await db.transaction((tx) => recordDelivered(tx, a!, 200, now + 501_000));
    await db.transaction((tx) =>
      recordRetry(tx, { ...failure, row: b!, nextAttemptAt: now + 600_000, maxAttempts: 50, maxAgeMs: 1e12 }),
    );
    await db.transaction((tx) =>
      recordRetry(tx, { ...failure, row: c!, nextAttemptAt: now + 600_000, maxAttempts: 1, maxAgeMs: 1e12 }),
    );
    await db.transaction((tx) =>
      recordRejected(tx, { ...failure, row: d!, category: 'http-rejected', httpStatus: 422 }),
    );
    await db.transaction((tx) => recordReleased(tx, { ...failure, row: e!, category: 'configuration' }));
    await expectCountersMatchRows();
    expect(await replayFailed(db, now + 700_000)).toBe(2);
    await expectCountersMatchRows();
    const [again] = await claimMessages(db, { limit: 1, nowMs: now + 700_000, leaseMs, owner: 'b' });
    await db.transaction((tx) => recordDelivered(tx, again!, 200, now + 9_000_000));
    await expectCountersMatchRows();
    expect(await pruneFinished(db, now + 600_000, now + 9_000_000)).toBe(1);
    await expectCountersMatchRows();
  });

  it('are filled from the rows already there when an old database is upgraded', async () => {
    for (const sql of migrations[0]!) await db.run(sql);
    await db.run('PRAGMA user_version = 1');
    for (let n = 0; n < 5; n++) await enqueueOld(n, now + n * 61_000);
    await db.run(
      "UPDATE messages SET status = 'delivered', completed_at = ?, delivered_at = ?, latency_ms = ? WHERE seq <= 2",
      [now + 90_000, now + 90_000, 1234],
    );
    await db.run("UPDATE messages SET status = 'failed', completed_at = ? WHERE seq = 3", [now + 200_000]);
    expect(await migrate(db)).toBe(schemaVersion);
    await expectCountersMatchRows();
    expect(await db.all(`SELECT key, value FROM gateway_state WHERE key LIKE 'status:%' ORDER BY key`)).toEqual([
      { key: 'status:delivered', value: 2 },
      { key: 'status:failed', value: 1 },
      { key: 'status:pending', value: 2 },
      { key: 'status:retrying', value: 0 },
      { key: 'status:sending', value: 0 },
    ]);
  });

  it('carry over, exact, when the counts per status move into gateway_state (migration 3)', async () => {
    for (const sql of [...migrations[0]!, ...migrations[1]!]) await db.run(sql);
    await db.run('PRAGMA user_version = 2');
    for (let n = 0; n < 4; n++) await enqueueOld(n, now + n * 61_000);
    await db.run("UPDATE messages SET status = 'sending', next_attempt_at = ? WHERE seq = 1", [now + 500_000]);
    await db.run(
      "UPDATE messages SET status = 'delivered', completed_at = ?, delivered_at = ?, latency_ms = ? WHERE seq = 2",
      [now + 90_000, now + 90_000, 1234],
    );
    expect(await migrate(db)).toBe(schemaVersion);
    expect(await claimMessages(db, { limit: 5, nowMs: now + 500_000, leaseMs, owner: 'a' })).toHaveLength(3);
    await expectCountersMatchRows();
    for (let n = 4; n < 6; n++) await enqueue(n, now + n * 61_000);
    await expectCountersMatchRows();
  });

  it.each([
    [0, 0],
    [99, 99],
    [100, 100],
    [1_234, 1_200],
    [99_999, 99_000],
    [3_600_000, 3_600_000],
    [259_200_000, 250_000_000],
  ])('puts a latency of %i ms in the bucket of %i ms, in SQL as in TypeScript', async (ms, bucket) => {
    expect(latencyBucket(ms)).toBe(bucket);
    expect(await db.all(`SELECT ${latencyBucketSql('v')} AS b FROM (SELECT ? AS v)`, [ms])).toEqual([{ b: bucket }]);
  });
});
