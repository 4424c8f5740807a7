// Health is computed, never stored (DESIGN §2.6): each number is one SQL aggregate over an index,
// so asking costs the same with 100 messages or 100 000.
import type { GatewayConfig } from './config';
import { TIME } from './defaults';
import type { InternalError, Reason } from './dispatcher';
import type { SqlDb } from './ports';
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

/** Nearest-rank percentile over the latency index, walking it in order: no row is loaded. */
async function latencyPercentile(db: SqlDb, since: number, count: number, p: number): Promise<number | null> {
  if (count === 0) return null;
  const offset = Math.max(0, Math.ceil(p * count) - 1);
  return scalar(db, healthQueries.latencyAtRank, [since, offset]);
}

/** Every query health() runs, exported so a test can EXPLAIN each one. */
export const healthQueries = {
  counts: 'SELECT status, COUNT(*) AS n FROM messages GROUP BY status',
  totalSince: 'SELECT COUNT(*) AS v FROM messages WHERE created_at >= ?',
  finishedSince: `SELECT COALESCE(SUM(status = 'delivered'), 0) AS delivered, COALESCE(SUM(status = 'failed'), 0) AS failed
                    FROM messages WHERE completed_at IS NOT NULL AND completed_at >= ?`,
  // SUM over the completed range rather than `AND status = …`, which would lure the planner onto the status index.
  deliveredSince: "SELECT COALESCE(SUM(status = 'delivered'), 0) AS v FROM messages WHERE completed_at IS NOT NULL AND completed_at >= ?",
  oldestUnfinished: `SELECT MIN(m) AS v FROM (
                       SELECT MIN(created_at) AS m FROM messages WHERE status = 'pending'
                       UNION ALL SELECT MIN(created_at) FROM messages WHERE status = 'retrying'
                       UNION ALL SELECT MIN(created_at) FROM messages WHERE status = 'sending')`,
  latencyCount: 'SELECT COUNT(*) AS v FROM messages WHERE latency_ms IS NOT NULL AND delivered_at >= ?',
  latencyAtRank: 'SELECT latency_ms AS v FROM messages WHERE latency_ms IS NOT NULL AND delivered_at >= ? ORDER BY latency_ms LIMIT 1 OFFSET ?',
  lastError: 'SELECT at, category, message FROM errors ORDER BY id DESC LIMIT 1',
  lastRun: "SELECT value AS v FROM gateway_state WHERE key = 'last_run_at'",
} as const;

export async function computeHealth(db: SqlDb, engine: EngineSnapshot, config: GatewayConfig): Promise<Health> {
  const now = engine.nowMs;
  const dayAgo = now - TIME.DAY_MS;
  const counts: Record<MessageStatus, number> = { pending: 0, sending: 0, retrying: 0, delivered: 0, failed: 0 };
  for (const row of await db.all<{ status: MessageStatus; n: number }>(healthQueries.counts)) counts[row.status] = Number(row.n);
  const finished = (await db.all<{ delivered: number; failed: number }>(healthQueries.finishedSince, [dayAgo]))[0];
  const delivered24h = Number(finished?.delivered ?? 0);
  const failed24h = Number(finished?.failed ?? 0);
  const latencyCount = (await scalar(db, healthQueries.latencyCount, [dayAgo])) ?? 0;
  const oldest = await scalar(db, healthQueries.oldestUnfinished);
  const lastRun = await scalar(db, healthQueries.lastRun);
  const storedError = (await db.all<{ at: number; category: ErrorCategory; message: string }>(healthQueries.lastError))[0];
  const internal = engine.lastInternalError;
  const lastError = internal && (!storedError || internal.at >= storedError.at) ? internal : storedError ?? null;

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
    degraded.push(`24 h success rate ${(successRate24h * 100).toFixed(1)}% below ${(config.degradedSuccessRate * 100).toFixed(0)}%`);
  }
  const status: OverallStatus = down.length > 0 ? 'down' : degraded.length > 0 ? 'degraded' : 'healthy';

  return {
    status,
    reasons: [...down, ...degraded],
    queueSize,
    ...counts,
    deliveredToday: (await scalar(db, healthQueries.deliveredSince, [startOfLocalDay(now)])) ?? 0,
    totalToday: (await scalar(db, healthQueries.totalSince, [startOfLocalDay(now)])) ?? 0,
    successRate24h,
    failed24h,
    oldestPendingAgeMs: oldest === null ? 0 : Math.max(0, now - oldest),
    latencyP50Ms: await latencyPercentile(db, dayAgo, latencyCount, 0.5),
    latencyP95Ms: await latencyPercentile(db, dayAgo, latencyCount, 0.95),
    lastError: lastError ? { message: lastError.message, category: lastError.category, at: Number(lastError.at) } : null,
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
