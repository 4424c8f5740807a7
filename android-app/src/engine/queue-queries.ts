// Small queries over the queue that the dispatcher and the public API share.
import { toStoredMessage, type MessageRow } from './message-row';
import { TIME } from './defaults';
import { statusCountKey } from './status-counts';
import type { SqlDb } from './ports';
import type { ErrorCategory, MessageStatus, StoredMessage } from './types';

/**
 * The first due moment: the soonest retry or lease expiry (the partial index, pinned as in
 * claim-messages.ts), or the oldest pending message's, which is due from the moment it was stored.
 */
export const nextDueQuery = `SELECT MIN(at) AS next_attempt_at FROM (
     SELECT * FROM (SELECT next_attempt_at AS at FROM messages INDEXED BY messages_waiting
                     WHERE status IN ('retrying', 'sending') ORDER BY next_attempt_at LIMIT 1)
     UNION ALL
     SELECT * FROM (SELECT next_attempt_at FROM messages INDEXED BY messages_status_created
                     WHERE status = 'pending' ORDER BY created_at LIMIT 1))`;

const unfinishedKeys = (['pending', 'retrying', 'sending'] as const)
  .map((status) => `'${statusCountKey(status)}'`)
  .join(', ');
/** Read off the trigger-kept counters (status-counts.ts): the same cost with any backlog. */
export const unfinishedQuery = `SELECT COALESCE(SUM(value), 0) AS n FROM gateway_state WHERE key IN (${unfinishedKeys})`;

/** The earliest moment any message becomes claimable (a pending one, a due retry, an expiring lease), or null. */
export async function nextDueAt(db: SqlDb): Promise<number | null> {
  const rows = await db.all<{ next_attempt_at: number }>(nextDueQuery);
  return rows[0]?.next_attempt_at ?? null;
}

/** Messages not yet delivered or dead-lettered. */
export async function countUnfinished(db: SqlDb): Promise<number> {
  const rows = await db.all<{ n: number }>(unfinishedQuery);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Connectivity is back: messages that failed only for want of a network are due now, instead of
 * sitting out a backoff that grew while the phone was offline. Returns how many.
 */
export async function expediteNetworkRetries(db: SqlDb, nowMs: number): Promise<number> {
  const { changes } = await db.run(
    "UPDATE messages SET next_attempt_at = ? WHERE status = 'retrying' AND last_error_category = 'network' AND next_attempt_at > ?",
    [nowMs, nowMs],
  );
  return changes;
}

/**
 * A person asked to retry now: every message waiting out a backoff is due now, a server's
 * Retry-After included (the person overrides it). Leases in flight are not touched. Returns how many.
 */
export async function retryWaitingNow(db: SqlDb, nowMs: number): Promise<number> {
  const { changes } = await db.run(
    "UPDATE messages SET next_attempt_at = ? WHERE status = 'retrying' AND next_attempt_at > ?",
    [nowMs, nowMs],
  );
  return changes;
}

/**
 * Every retry claimed since a moment and waiting past now, brought forward to now (the walk over the
 * waiting index stops at the first one due sooner). Leases in flight are not touched.
 */
export const bringForwardQuery = `UPDATE messages INDEXED BY messages_waiting SET next_attempt_at = ?
   WHERE status IN ('retrying', 'sending') AND status = 'retrying' AND next_attempt_at > ? AND last_attempt_at >= ?`;

/**
 * An outage is over (an answer got through): the messages it held, those last tried since
 * `heldSince`, are due now rather than each at the end of its own backoff. A message a server asked
 * to wait (Retry-After, `asked`: row id → the time its wait ends) keeps its wait. Inside the caller's
 * transaction, beside the answer's own outcome. Returns how many were brought forward.
 */
export async function bringRetriesForward(
  tx: SqlDb,
  nowMs: number,
  heldSince: number,
  asked: ReadonlyMap<number, number>,
): Promise<number> {
  let { changes } = await tx.run(bringForwardQuery, [nowMs, nowMs, heldSince]);
  for (const [id, until] of asked) {
    if (until <= nowMs) continue;
    const restored = await tx.run(
      "UPDATE messages SET next_attempt_at = ? WHERE id = ? AND status = 'retrying' AND next_attempt_at = ?",
      [until, id, nowMs],
    );
    changes -= restored.changes;
  }
  return changes;
}

/** Puts dead-lettered messages (all, or the given messageIds) back in the queue with a fresh budget. */
export async function replayFailed(db: SqlDb, nowMs: number, messageIds?: readonly string[]): Promise<number> {
  const only = messageIds ? ` AND message_id IN (${messageIds.map(() => '?').join(', ')})` : '';
  if (messageIds && messageIds.length === 0) return 0;
  const { changes } = await db.run(
    `UPDATE messages
        SET status = 'pending', attempts = 0, next_attempt_at = ?, retry_since = ?, completed_at = NULL
      WHERE status = 'failed'${only}`,
    [nowMs, nowMs, ...(messageIds ?? [])],
  );
  return changes;
}

export interface ListMessagesOptions {
  readonly status?: MessageStatus;
  /** Page size. Default 100. */
  readonly limit?: number;
  /** Keyset pagination: only messages with a smaller `id` (pass the last id of the previous page). */
  readonly beforeId?: number;
}

/** Newest first, one page at a time, for the app's message list. */
export async function listMessages(db: SqlDb, options: ListMessagesOptions = {}): Promise<StoredMessage[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (options.status) {
    where.push('status = ?');
    params.push(options.status);
  }
  if (options.beforeId !== undefined) {
    where.push('id < ?');
    params.push(options.beforeId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.all<MessageRow>(`SELECT * FROM messages ${clause} ORDER BY id DESC LIMIT ?`, [
    ...params,
    options.limit ?? 100,
  ]);
  return rows.map(toStoredMessage);
}

/** One row of the error log: what failed, when, and how it was classified. */
export interface LoggedError {
  readonly id: number;
  readonly at: number;
  readonly category: ErrorCategory;
  readonly message: string;
  readonly messageId: string | null;
  readonly httpStatus: number | null;
}

/** The newest errors first (the log keeps the last `errorLogSize`), for the app's Errors screen. */
export async function listErrors(db: SqlDb, limit = 100): Promise<LoggedError[]> {
  const rows = await db.all<{
    id: number;
    at: number;
    category: ErrorCategory;
    message: string;
    message_id: string | null;
    http_status: number | null;
  }>('SELECT id, at, category, message, message_id, http_status FROM errors ORDER BY id DESC LIMIT ?', [limit]);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    category: row.category,
    message: row.message,
    messageId: row.message_id,
    httpStatus: row.http_status,
  }));
}

/** Deletes finished messages older than the retention window; returns how many. */
export async function pruneFinished(db: SqlDb, olderThanMs: number, nowMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { changes } = await tx.run('DELETE FROM messages WHERE completed_at IS NOT NULL AND completed_at < ?', [
      olderThanMs,
    ]);
    // Counter rows that count nothing any more, and latency hours health no longer reads (it looks back 24 h).
    await tx.run('DELETE FROM minute_counts WHERE created = 0 AND delivered = 0 AND failed = 0');
    await tx.run('DELETE FROM latency_counts WHERE n = 0 OR hour < ?', [
      Math.floor((nowMs - TIME.DAY_MS) / TIME.HOUR_MS),
    ]);
    return changes;
  });
}
