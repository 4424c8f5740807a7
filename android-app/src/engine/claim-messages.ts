// One sender per message at a time: a claim chooses and leases its messages in one write
// transaction, atomic across every connection to the file, and the lease it writes lets a crashed
// sender's messages come back.
import type { MessageRow } from './message-row';
import type { SqlDb } from './ports';

/**
 * Retries whose backoff is over and leases that expired, soonest due first. INDEXED BY pins the
 * partial index: without statistics the planner prefers the status index and sorts every due row,
 * which turns each claim into a scan of the backlog.
 */
export const claimWaitingQuery = `SELECT id FROM messages INDEXED BY messages_waiting
   WHERE status IN ('retrying', 'sending') AND next_attempt_at <= ?
   ORDER BY next_attempt_at
   LIMIT ?`;

/**
 * New messages, oldest first. A pending message is due from the moment it is stored or handed back
 * (next_attempt_at is that moment), so it needs no due index of its own (status-counts.ts): the walk
 * in arrival order skips one only when the clock was set back.
 */
export const claimPendingQuery = `SELECT id FROM messages INDEXED BY messages_status_created
   WHERE status = 'pending' AND next_attempt_at <= ?
   ORDER BY created_at
   LIMIT ?`;

const ID_CHUNK = 500;

const idList = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

// The ids are chosen first and leased by id, rather than in one UPDATE … WHERE id IN (SELECT …)
// RETURNING *: that form cost 77 µs with nothing due and 100–400 µs for one row (SQLite builds the
// RETURNING table and re-walks the subquery), against 6 µs and 35–55 µs this way. The
// transaction is BEGIN IMMEDIATE, so nobody can claim between the SELECT and the UPDATE.
const leaseQuery = (count: number): string => `UPDATE messages
     SET status = 'sending', lease_until = ?, next_attempt_at = ?, lease_owner = ?,
         last_attempt_at = ?, attempts = attempts + 1
   WHERE id IN (${idList(count)})`;

const rowsQuery = (count: number): string => `SELECT * FROM messages WHERE id IN (${idList(count)}) ORDER BY id`;

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
  const { limit, nowMs } = options;
  await tx.run("UPDATE gateway_state SET value = ? WHERE key = 'last_run_at'", [nowMs]);
  const ids = (await tx.all<{ id: number }>(claimWaitingQuery, [nowMs, limit])).map((row) => row.id);
  if (ids.length < limit)
    ids.push(...(await tx.all<{ id: number }>(claimPendingQuery, [nowMs, limit - ids.length])).map((row) => row.id));
  return leaseIds(tx, ids, options);
}

/**
 * The retries due soonest, however far off, past the leases in flight (which the index orders among
 * the retries): what an open breaker's probe carries when nothing is due.
 */
export const claimEarliestRetryQuery = `SELECT id, next_attempt_at FROM messages INDEXED BY messages_waiting
   WHERE status IN ('retrying', 'sending') AND status = 'retrying'
   ORDER BY next_attempt_at
   LIMIT ?`;

/** Retries looked at for an early probe: past as many a server asked to wait, none goes early. */
const EARLY_CANDIDATES = 16;

/** The message an open breaker's probe carries, and when it was due by its own backoff (null when it was). */
export interface ProbeClaim {
  readonly row: MessageRow;
  /** Set when the probe goes before the message's own time: a failure then is not counted against it. */
  readonly earlyOfDueAt: number | null;
}

/**
 * Claims the one message a probe carries, inside the caller's transaction: a due one as claimDue
 * chooses it, else the retry due soonest, early. The breaker, not each message's backoff, decides
 * when a server that is down is asked again; but a message the server itself asked to wait
 * (`asked`: row id → when its wait ends, from Retry-After) never goes early.
 */
export async function claimProbe(
  tx: SqlDb,
  options: Omit<ClaimOptions, 'limit'>,
  asked: ReadonlyMap<number, number>,
): Promise<ProbeClaim | null> {
  const [due] = await claimDue(tx, { ...options, limit: 1 });
  if (due !== undefined) return { row: due, earlyOfDueAt: null };
  const candidates = await tx.all<{ id: number; next_attempt_at: number }>(claimEarliestRetryQuery, [EARLY_CANDIDATES]);
  const next = candidates.find((candidate) => (asked.get(candidate.id) ?? 0) <= options.nowMs);
  if (next === undefined) return null;
  const [row] = await leaseIds(tx, [next.id], options);
  return row === undefined ? null : { row, earlyOfDueAt: next.next_attempt_at };
}

/** Leases the chosen ids to `owner` and counts their attempt; the rows as leased, by id. */
async function leaseIds(
  tx: SqlDb,
  ids: readonly number[],
  options: Omit<ClaimOptions, 'limit'>,
): Promise<MessageRow[]> {
  const { nowMs, leaseMs, owner } = options;
  const leaseUntil = nowMs + leaseMs;
  const rows: MessageRow[] = [];
  // In chunks: a statement takes at most 999 bound values on older SQLite builds.
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    await tx.run(leaseQuery(chunk.length), [leaseUntil, leaseUntil, owner, nowMs, ...chunk]);
    rows.push(...(await tx.all<MessageRow>(rowsQuery(chunk.length), chunk)));
  }
  return rows.sort((a, b) => a.id - b.id);
}

/** claimDue in a transaction of its own. */
export function claimMessages(db: SqlDb, options: ClaimOptions): Promise<MessageRow[]> {
  return db.transaction((tx) => claimDue(tx, options));
}
