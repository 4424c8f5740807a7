// One sender per message at a time: a claim is a single UPDATE … RETURNING, atomic across every
// connection to the file, and the lease it writes lets a crashed sender's messages come back.
import type { MessageRow } from './message-row';
import type { SqlDb } from './ports';

const lease = `SET status = 'sending', lease_until = ?, next_attempt_at = ?, lease_owner = ?,
         last_attempt_at = ?, attempts = attempts + 1`;

/**
 * Retries whose backoff is over and leases that expired, soonest due first. INDEXED BY pins the
 * partial index: without statistics the planner prefers the status index and sorts every due row,
 * which turns each claim into a scan of the backlog.
 */
export const claimWaitingQuery = `UPDATE messages
     ${lease}
   WHERE id IN (
     SELECT id FROM messages INDEXED BY messages_waiting
      WHERE status IN ('retrying', 'sending') AND next_attempt_at <= ?
      ORDER BY next_attempt_at
      LIMIT ?)
   RETURNING *`;

/**
 * New messages, oldest first. A pending message is due from the moment it is stored or handed back
 * (next_attempt_at is that moment), so it needs no due index of its own (lean-enqueue.ts): the walk
 * in arrival order skips one only when the clock was set back.
 */
export const claimPendingQuery = `UPDATE messages
     ${lease}
   WHERE id IN (
     SELECT id FROM messages INDEXED BY messages_status_created
      WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY created_at
      LIMIT ?)
   RETURNING *`;

export interface ClaimOptions {
  readonly limit: number;
  readonly nowMs: number;
  readonly leaseMs: number;
  /** Who holds the lease: an outcome is written only by the holder. */
  readonly owner: string;
}

/**
 * Claims up to `limit` due messages inside the caller's transaction: first retries whose time has
 * come and sends whose lease expired (they have waited longest), then pending ones in arrival order.
 * The attempt is counted here, so a message that crashes its sender still moves towards
 * maxAttempts. Also stamps the last dispatcher run.
 */
export async function claimDue(tx: SqlDb, options: ClaimOptions): Promise<MessageRow[]> {
  const { limit, nowMs, leaseMs, owner } = options;
  const leaseUntil = nowMs + leaseMs;
  const set = [leaseUntil, leaseUntil, owner, nowMs];
  await tx.run("UPDATE gateway_state SET value = ? WHERE key = 'last_run_at'", [nowMs]);
  const rows = await tx.all<MessageRow>(claimWaitingQuery, [...set, nowMs, limit]);
  if (rows.length < limit) rows.push(...(await tx.all<MessageRow>(claimPendingQuery, [...set, nowMs, limit - rows.length])));
  return rows.sort((a, b) => a.id - b.id);
}

/** claimDue in a transaction of its own. */
export function claimMessages(db: SqlDb, options: ClaimOptions): Promise<MessageRow[]> {
  return db.transaction((tx) => claimDue(tx, options));
}
