// Health is computed, never stored, so it can never disagree with the queue: each number is read from counters the triggers of
// health-counters.ts keep in step with the rows, or from one index seek, so asking costs the same
// with 1,000 messages or 1,000,000.
import type { EngineConfig } from './config';
import { TIME } from './defaults';
import { counterTime } from './health-counters';
import { messageStatuses, statusCountKey, statusOfKeySql } from './status-counts';
import type { InternalError, Reason } from './dispatcher';
import type { SqlDb } from './ports';
import { gaveUpKey } from './record-outcome';
import type { BreakerState, ErrorCategory, Health, MessageStatus, OverallStatus } from './types';

/** What only the running engine knows; the rest comes from the database. */
export interface EngineSnapshot {
  readonly nowMs: number;
  readonly online: boolean;
  readonly running: boolean;
  readonly paused: Reason | null;
  readonly receiverPaused: Reason | null;
  readonly breaker: BreakerState;
  readonly inFlight: number;
  readonly lastInternalError: InternalError | null;
}

/** Midnight of the clock's local day: "today" is the phone owner's day, not UTC's. */
export function startOfLocalDay(nowMs: number): number {
  const day = new Date(nowMs);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

async function scalar(db: SqlDb, sql: string, params: readonly number[] = []): Promise<number | null> {
  const rows = await db.all<{ v: number | null }>(sql, params);
  const value = rows[0]?.v;
  return value === undefined || value === null ? null : Number(value);
}

const statusKeys = messageStatuses.map((status) => `'${statusCountKey(status)}'`).join(', ');
const allStatuses = messageStatuses.map((status) => `'${status}'`).join(', ');

/** Every query health() runs, exported so a test can EXPLAIN each one. */
export const healthQueries = {
  counts: `SELECT ${statusOfKeySql} AS status, value AS n FROM gateway_state WHERE key IN (${statusKeys})`,
  // "Since t" = whole minutes from the counters + the exact rows of the minute t falls in. One scan
  // of at most a day of minutes answers both windows (today, 24 h).
  minuteTotals: `SELECT COALESCE(SUM(CASE WHEN minute >= ? THEN created END), 0) AS createdToday,
                        COALESCE(SUM(CASE WHEN minute >= ? THEN delivered END), 0) AS deliveredToday,
                        COALESCE(SUM(CASE WHEN minute >= ? THEN delivered END), 0) AS delivered24h,
                        COALESCE(SUM(CASE WHEN minute >= ? THEN failed END), 0) AS failed24h
                   FROM minute_counts WHERE minute >= MIN(?, ?)`,
  // Every status (the CHECK allows no other), so the (status, created_at) index answers with five range seeks.
  createdEdge: `SELECT COUNT(*) AS v FROM messages WHERE status IN (${allStatuses}) AND created_at >= ? AND created_at < ?`,
  finishedEdge: `SELECT COALESCE(SUM(status = 'delivered'), 0) AS delivered, COALESCE(SUM(status = 'failed'), 0) AS failed
                   FROM messages WHERE completed_at IS NOT NULL AND completed_at >= ? AND completed_at < ?`,
  oldestUnfinished: `SELECT MIN(m) AS v FROM (
                       SELECT MIN(created_at) AS m FROM messages WHERE status = 'pending'
                       UNION ALL SELECT MIN(created_at) FROM messages WHERE status = 'retrying'
                       UNION ALL SELECT MIN(created_at) FROM messages WHERE status = 'sending')`,
  latencyBuckets: 'SELECT bucket, SUM(n) AS n FROM latency_counts WHERE hour >= ? GROUP BY bucket ORDER BY bucket',
  lastError: 'SELECT at, category, message FROM errors ORDER BY id DESC LIMIT 1',
  lastRun: "SELECT value AS v FROM gateway_state WHERE key = 'last_run_at'",
  gaveUp: `SELECT value AS v FROM gateway_state WHERE key = '${gaveUpKey}'`,
} as const;

/** The first whole minute at or after `sinceMs`, as a minute number and in ms. */
function minuteAfter(sinceMs: number): { minute: number; ms: number } {
  const minute = Math.ceil(sinceMs / counterTime.MINUTE_MS);
  return { minute, ms: minute * counterTime.MINUTE_MS };
}

interface WindowTotals {
  readonly createdToday: number;
  readonly deliveredToday: number;
  readonly delivered24h: number;
  readonly failed24h: number;
}

/** Created and delivered since `todayMs`, delivered and failed since `dayAgoMs`, exact to the millisecond. */
async function windowTotals(db: SqlDb, todayMs: number, dayAgoMs: number): Promise<WindowTotals> {
  const today = minuteAfter(todayMs);
  const day = minuteAfter(dayAgoMs);
  const [row] = await db.all<Record<keyof WindowTotals, number>>(healthQueries.minuteTotals, [
    today.minute,
    today.minute,
    day.minute,
    day.minute,
    today.minute,
    day.minute,
  ]);
  const finishedEdge = async (since: number, until: number) =>
    until > since
      ? (await db.all<{ delivered: number; failed: number }>(healthQueries.finishedEdge, [since, until]))[0]
      : undefined;
  const todayEdge = await finishedEdge(todayMs, today.ms);
  const dayEdge = await finishedEdge(dayAgoMs, day.ms);
  const createdEdge =
    today.ms > todayMs ? ((await scalar(db, healthQueries.createdEdge, [todayMs, today.ms])) ?? 0) : 0;
  return {
    createdToday: Number(row?.createdToday ?? 0) + createdEdge,
    deliveredToday: Number(row?.deliveredToday ?? 0) + Number(todayEdge?.delivered ?? 0),
    delivered24h: Number(row?.delivered24h ?? 0) + Number(dayEdge?.delivered ?? 0),
    failed24h: Number(row?.failed24h ?? 0) + Number(dayEdge?.failed ?? 0),
  };
}

/**
 * Nearest-rank p50 and p95 of the deliveries of the last 24 h (whole hours, plus the current one),
 * read from the latency buckets: at most 10% under the exact value, whatever the queue size.
 */
async function latencyPercentiles(db: SqlDb, sinceMs: number): Promise<{ p50: number | null; p95: number | null }> {
  const rows = await db.all<{ bucket: number; n: number }>(healthQueries.latencyBuckets, [
    Math.ceil(sinceMs / counterTime.HOUR_MS),
  ]);
  const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
  const at = (p: number): number | null => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const row of rows) {
      seen += Number(row.n);
      if (seen >= rank) return Number(row.bucket);
    }
    return null;
  };
  return { p50: at(0.5), p95: at(0.95) };
}

export async function computeHealth(db: SqlDb, engine: EngineSnapshot, config: EngineConfig): Promise<Health> {
  const now = engine.nowMs;
  const dayAgo = now - TIME.DAY_MS;
  const counts: Record<MessageStatus, number> = { pending: 0, sending: 0, retrying: 0, delivered: 0, failed: 0 };
  for (const row of await db.all<{ status: MessageStatus; n: number }>(healthQueries.counts))
    counts[row.status] = Number(row.n);
  const totals = await windowTotals(db, startOfLocalDay(now), dayAgo);
  const { delivered24h, failed24h } = totals;
  const latency = await latencyPercentiles(db, dayAgo);
  const oldest = await scalar(db, healthQueries.oldestUnfinished);
  const lastRun = await scalar(db, healthQueries.lastRun);
  const storedError = (
    await db.all<{ at: number; category: ErrorCategory; message: string }>(healthQueries.lastError)
  )[0];
  const internal = engine.lastInternalError;
  const lastError = internal && (!storedError || internal.at >= storedError.at) ? internal : (storedError ?? null);

  const queueSize = counts.pending + counts.retrying + counts.sending;
  const successRate24h = delivered24h + failed24h === 0 ? null : delivered24h / (delivered24h + failed24h);
  const down: string[] = [];
  const degraded: string[] = [];
  if (engine.paused) down.push(`queue paused: ${engine.paused.reason}`);
  if (engine.receiverPaused) down.push(`receiver paused: ${engine.receiverPaused.reason}`);
  if (engine.breaker === 'open') down.push('circuit breaker open: the webhook keeps failing');
  if (!engine.running) down.push('dispatcher not running');
  if (!engine.online) degraded.push('network offline');
  if (engine.breaker === 'half-open') degraded.push('circuit breaker half-open: probing the webhook');
  if (failed24h > 0) degraded.push(`${failed24h} message(s) failed in the last 24 h`);
  if (queueSize > config.degradedQueueSize) degraded.push(`queue size ${queueSize} above ${config.degradedQueueSize}`);
  if (successRate24h !== null && successRate24h < config.degradedSuccessRate) {
    degraded.push(
      `24 h success rate ${(successRate24h * 100).toFixed(1)}% below ${(config.degradedSuccessRate * 100).toFixed(0)}%`,
    );
  }
  const status: OverallStatus = down.length > 0 ? 'down' : degraded.length > 0 ? 'degraded' : 'healthy';

  return {
    status,
    reasons: [...down, ...degraded],
    queueSize,
    ...counts,
    deliveredToday: totals.deliveredToday,
    totalToday: totals.createdToday,
    successRate24h,
    failed24h,
    gaveUp: (await scalar(db, healthQueries.gaveUp)) ?? 0,
    oldestPendingAgeMs: oldest === null ? 0 : Math.max(0, now - oldest),
    latencyP50Ms: latency.p50,
    latencyP95Ms: latency.p95,
    lastError: lastError
      ? { message: lastError.message, category: lastError.category, at: Number(lastError.at) }
      : null,
    network: engine.online ? 'online' : 'offline',
    dispatcherRunning: engine.running,
    paused: engine.paused,
    receiverPaused: engine.receiverPaused,
    lastRunAt: lastRun === null || lastRun === 0 ? null : lastRun,
    breaker: engine.breaker,
    inFlight: engine.inFlight,
    generatedAt: now,
  };
}
