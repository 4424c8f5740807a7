import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { claimMessages } from './claim-messages';
import { resolveConfig } from './config';
import { enqueueSms } from './enqueue-sms';
import { computeHealth, healthQueries, startOfLocalDay, type EngineSnapshot } from './health';
import { migrate } from './migrate';
import type { SqlDb } from './ports';
import { logError } from './record-outcome';

const HOUR = 3_600_000;
const config = resolveConfig({ webhookUrl: 'https://x.example', deviceId: 'dev' });
// Noon local time, so "today" has 12 hours behind it whatever the machine's time zone.
const now = new Date(2025, 5, 15, 12, 0, 0).getTime();
const engine: EngineSnapshot = {
  nowMs: now,
  online: true,
  running: true,
  paused: null,
  receiverPaused: null,
  breaker: 'closed',
  inFlight: 0,
  lastInternalError: null,
};

let db: SqlDb;
beforeEach(async () => {
  db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-health-')), 'gateway.sqlite'));
  await migrate(db);
});
afterEach(async () => {
  await db.close();
});

/** Stores one message as if enqueued at `createdAt`, then forces its state. */
async function message(
  createdAt: number,
  state: { status: string; completedAt?: number; latencyMs?: number },
): Promise<void> {
  const { messageId } = await enqueueSms(
    db,
    { sender: '+1', parts: [{ body: 'x', index: 1, total: 1 }], smscTimestamp: createdAt, simSlot: 0 },
    'dev',
    createdAt,
  );
  const delivered = state.status === 'delivered';
  await db.run(
    'UPDATE messages SET status = ?, completed_at = ?, delivered_at = ?, latency_ms = ? WHERE message_id = ?',
    [
      state.status,
      state.completedAt ?? null,
      delivered ? (state.completedAt ?? null) : null,
      delivered ? (state.latencyMs ?? null) : null,
      messageId,
    ],
  );
}

describe('computeHealth', () => {
  it('matches a hand-computed state, number by number', async () => {
    // Delivered today with latencies 100..1000 ms (10 messages), one delivered yesterday (25 h ago).
    for (let i = 1; i <= 10; i++)
      await message(now - 2 * HOUR, { status: 'delivered', completedAt: now - HOUR, latencyMs: i * 100 });
    await message(now - 26 * HOUR, { status: 'delivered', completedAt: now - 25 * HOUR, latencyMs: 50_000 });
    // Failed 3 h ago; pending since 5 h ago and 1 h ago; retrying since 30 min; sending since 10 min.
    await message(now - 4 * HOUR, { status: 'failed', completedAt: now - 3 * HOUR });
    await message(now - 5 * HOUR, { status: 'pending' });
    await message(now - HOUR, { status: 'pending' });
    await message(now - HOUR / 2, { status: 'retrying' });
    await message(now - HOUR / 6, { status: 'sending' });
    await db.transaction((tx) =>
      logError(tx, { at: now - 60_000, category: 'http-transient', message: 'HTTP 503' }, 100),
    );
    await claimMessages(db, { limit: 0, nowMs: now - 5_000, leaseMs: 60_000, owner: 'x' }); // stamps the last run

    const health = await computeHealth(db, engine, config);
    expect(health).toMatchObject({
      pending: 2,
      retrying: 1,
      sending: 1,
      failed: 1,
      delivered: 11,
      queueSize: 4,
      deliveredToday: 10,
      totalToday: 15,
      failed24h: 1,
      successRate24h: 10 / 11,
      oldestPendingAgeMs: 5 * HOUR,
      latencyP50Ms: 500, // nearest rank: ceil(0.5 × 10) = 5th of 100..1000
      latencyP95Ms: 1000, // ceil(0.95 × 10) = 10th; the 50 s from yesterday is outside the window
      lastError: { message: 'HTTP 503', category: 'http-transient', at: now - 60_000 },
      lastRunAt: now - 5_000,
      network: 'online',
      dispatcherRunning: true,
      breaker: 'closed',
      generatedAt: now,
    });
    expect(health.status).toBe('degraded');
    expect(health.reasons).toEqual(['1 message(s) failed in the last 24 h', '24 h success rate 90.9% below 95%']);
  });

  it('reports an empty queue as healthy, with nulls where nothing has been measured', async () => {
    expect(await computeHealth(db, engine, config)).toMatchObject({
      status: 'healthy',
      reasons: [],
      queueSize: 0,
      successRate24h: null,
      latencyP50Ms: null,
      latencyP95Ms: null,
      oldestPendingAgeMs: 0,
      lastError: null,
      lastRunAt: null,
    });
  });

  it.each<[string, Partial<EngineSnapshot>, string, string]>([
    [
      'a paused queue is down',
      { paused: { reason: 'no webhook URL configured', category: 'configuration' } },
      'down',
      'queue paused: no webhook URL configured',
    ],
    [
      'a revoked SMS permission is down',
      { receiverPaused: { reason: 'RECEIVE_SMS revoked', category: 'permissions' } },
      'down',
      'receiver paused: RECEIVE_SMS revoked',
    ],
    ['an open breaker is down', { breaker: 'open' }, 'down', 'circuit breaker open: the webhook keeps failing'],
    ['a stopped dispatcher is down', { running: false }, 'down', 'dispatcher not running'],
    ['offline is degraded', { online: false }, 'degraded', 'network offline'],
    [
      'a half-open breaker is degraded',
      { breaker: 'half-open' },
      'degraded',
      'circuit breaker half-open: probing the webhook',
    ],
  ])('%s', async (_name, overrides, status, reason) => {
    const health = await computeHealth(db, { ...engine, ...overrides }, config);
    expect(health.status).toBe(status);
    expect(health.reasons).toEqual([reason]);
  });

  it('is degraded when the queue is longer than 100', async () => {
    for (let i = 0; i < 101; i++) await message(now, { status: 'pending' });
    expect((await computeHealth(db, engine, config)).reasons).toEqual(['queue size 101 above 100']);
  });

  it('counts the messages created in the first, partial minute of a window, whatever their status', async () => {
    const start = now + 15_000; // a midnight off the minute, as a zone with a seconds offset has
    for (const [offset, status] of [
      [-1, 'pending'],
      [0, 'pending'],
      [1, 'sending'],
      [2, 'retrying'],
      [3, 'delivered'],
      [4, 'failed'],
      [45_000, 'pending'],
    ] as const) {
      await message(start + offset, {
        status,
        completedAt: status === 'delivered' || status === 'failed' ? start + 5 : undefined,
      });
    }
    expect(await db.all(healthQueries.createdEdge, [start, now + 60_000])).toEqual([{ v: 5 }]);
  });

  it('counts "today" from local midnight', async () => {
    await message(startOfLocalDay(now) - 1, {
      status: 'delivered',
      completedAt: startOfLocalDay(now) - 1,
      latencyMs: 1,
    });
    await message(startOfLocalDay(now), { status: 'delivered', completedAt: startOfLocalDay(now), latencyMs: 1 });
    expect(await computeHealth(db, engine, config)).toMatchObject({ totalToday: 1, deliveredToday: 1 });
    expect(new Date(startOfLocalDay(now)).getHours()).toBe(0);
  });
});
