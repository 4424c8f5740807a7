// One sender per message at a time: a claim is a single UPDATE … RETURNING, atomic across every
// connection to the file, and the lease it writes lets a crashed sender's messages come back.
import type { MessageRow } from './message-row';
import type { SqlDb } from './ports';

/**
 * INDEXED BY pins the partial due-index: without statistics the planner prefers the status index and
 * sorts every due row, which turns each claim into a scan of the backlog.
 */
export const claimQuery = `UPDATE messages
     SET status = 'sending', lease_until = ?, next_attempt_at = ?, lease_owner = ?,
         last_attempt_at = ?, attempts = attempts + 1
   WHERE id IN (
     SELECT id FROM messages INDEXED BY messages_due
      WHERE status IN ('pending', 'retrying', 'sending') AND next_attempt_at <= ?
      ORDER BY next_attempt_at
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
 * Claims up to `limit` due messages (pending/retrying whose time has come, or sending whose lease
 * expired), oldest due first, inside the caller's transaction. The attempt is counted here, so a
 * message that crashes its sender still moves towards maxAttempts. Also stamps the last dispatcher run.
 */
export async function claimDue(tx: SqlDb, options: ClaimOptions): Promise<MessageRow[]> {
  const { limit, nowMs, leaseMs, owner } = options;
  const leaseUntil = nowMs + leaseMs;
  await tx.run("UPDATE gateway_state SET value = ? WHERE key = 'last_run_at'", [nowMs]);
  const rows = await tx.all<MessageRow>(claimQuery, [leaseUntil, leaseUntil, owner, nowMs, nowMs, limit]);
  return rows.sort((a, b) => a.id - b.id);
}

/** claimDue in a transaction of its own. */
export function claimMessages(db: SqlDb, options: ClaimOptions): Promise<MessageRow[]> {
  return db.transaction((tx) => claimDue(tx, options));
}
