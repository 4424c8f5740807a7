// Writes what one send achieved, each inside the caller's transaction (the dispatcher's group commit).
// Every write but "delivered" is guarded by the lease owner: if our lease expired and another sender
// took the message, our stale result must not overwrite theirs.
import { TIME } from './defaults';
import type { MessageRow } from './message-row';
import type { SqlDb } from './ports';
import type { ErrorCategory, MessageStatus } from './types';

export interface ErrorEntry {
  readonly at: number;
  readonly category: ErrorCategory;
  readonly message: string;
  readonly messageId?: string | null;
  readonly httpStatus?: number | null;
}

/** Appends to the error log and keeps only its last `keep` rows. */
export async function logError(tx: SqlDb, entry: ErrorEntry, keep: number): Promise<void> {
  await tx.run('INSERT INTO errors (at, category, message, message_id, http_status) VALUES (?, ?, ?, ?, ?)', [
    entry.at,
    entry.category,
    entry.message,
    entry.messageId ?? null,
    entry.httpStatus ?? null,
  ]);
  await tx.run('DELETE FROM errors WHERE id <= (SELECT MAX(id) FROM errors) - ?', [keep]);
}

/** A 2xx wins whoever holds the lease: the server has the message, whatever else happened. */
export async function recordDelivered(tx: SqlDb, row: MessageRow, httpStatus: number, nowMs: number): Promise<void> {
  await tx.run(
    `UPDATE messages
        SET status = 'delivered', http_status = ?, delivered_at = ?, completed_at = ?, latency_ms = ? - created_at,
            next_attempt_at = ?, lease_until = NULL, lease_owner = NULL
      WHERE id = ? AND status <> 'delivered'`,
    [httpStatus, nowMs, nowMs, nowMs, nowMs, row.id],
  );
}

export interface FailureWrite {
  readonly row: MessageRow;
  readonly owner: string;
  readonly nowMs: number;
  readonly category: ErrorCategory;
  readonly error: string;
  readonly httpStatus: number | null;
  readonly errorLogSize: number;
}

export interface RetryWrite extends FailureWrite {
  readonly nextAttemptAt: number;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
}

/** The gateway_state row that counts the messages given up on: dead-lettered once their retry budget ran out. */
export const gaveUpKey = 'gave_up';

/** "3.2 days", "5.0 h", "12 min", "40 s": how long a message was retried, for a person reading the error log. */
function describeSpan(ms: number): string {
  if (ms >= TIME.DAY_MS) return `${(ms / TIME.DAY_MS).toFixed(1)} days`;
  if (ms >= TIME.HOUR_MS) return `${(ms / TIME.HOUR_MS).toFixed(1)} h`;
  if (ms >= TIME.MINUTE_MS) return `${Math.round(ms / TIME.MINUTE_MS)} min`;
  return `${Math.round(ms / TIME.SECOND_MS)} s`;
}

/** The error log's entry for the attempt that used up the budget: a person sees why no attempt follows. */
function gaveUpMessage({ row, nowMs, error }: RetryWrite): string {
  return `Gave up after ${row.attempts} attempt(s) over ${describeSpan(nowMs - row.retry_since)}: ${error}`;
}

/**
 * Schedules a retry, or dead-letters the message when it has used its attempts or its age; SQL
 * decides from the stored counters. A dead letter counts as given up (health's `gaveUp`) and says so
 * in the error log. Returns the status written, or null if the lease was lost.
 */
export async function recordRetry(tx: SqlDb, write: RetryWrite): Promise<MessageStatus | null> {
  const { row, owner, nowMs } = write;
  const exhausted = 'attempts >= ? OR ? - retry_since >= ?';
  const { changes } = await tx.run(
    `UPDATE messages
        SET status = CASE WHEN ${exhausted} THEN 'failed' ELSE 'retrying' END,
            completed_at = CASE WHEN ${exhausted} THEN ? ELSE NULL END,
            next_attempt_at = ?, lease_until = NULL, lease_owner = NULL,
            last_error = ?, last_error_category = ?, http_status = ?
      WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
    [
      write.maxAttempts,
      nowMs,
      write.maxAgeMs,
      write.maxAttempts,
      nowMs,
      write.maxAgeMs,
      nowMs,
      write.nextAttemptAt,
      write.error,
      write.category,
      write.httpStatus,
      row.id,
      owner,
    ],
  );
  // Read back in the same transaction rather than with RETURNING, which costs SQLite ~28 µs a call.
  const status =
    changes === 1
      ? ((await tx.all<{ status: MessageStatus }>('SELECT status FROM messages WHERE id = ?', [row.id]))[0]?.status ??
        null)
      : null;
  if (status === 'failed')
    await tx.run(
      'INSERT INTO gateway_state (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1',
      [gaveUpKey],
    );
  await logError(
    tx,
    {
      at: nowMs,
      category: write.category,
      message: status === 'failed' ? gaveUpMessage(write) : write.error,
      messageId: row.message_id,
      httpStatus: write.httpStatus,
    },
    write.errorLogSize,
  );
  return status;
}

/** The failure in the error log the Errors screen shows. */
function logFailure(tx: SqlDb, write: FailureWrite): Promise<void> {
  const log = { category: write.category, message: write.error, httpStatus: write.httpStatus };
  return logError(tx, { at: write.nowMs, ...log, messageId: write.row.message_id }, write.errorLogSize);
}

/**
 * A probe of an open breaker that carried a message before its own time failed: the failure is the
 * server's (down), not the message's. The message goes back to its own time, and the attempt is not
 * counted, so the breaker's probes do not use up its retry budget faster than its own backoff would.
 * Returns false if the lease was lost.
 */
export async function recordEarlyProbeFailed(tx: SqlDb, write: FailureWrite, dueAt: number): Promise<boolean> {
  const { row, owner } = write;
  const { changes } = await tx.run(
    `UPDATE messages
        SET status = 'retrying', attempts = MAX(attempts - 1, 0), next_attempt_at = ?, lease_until = NULL,
            lease_owner = NULL, last_error = ?, last_error_category = ?, http_status = ?
      WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
    [dueAt, write.error, write.category, write.httpStatus, row.id, owner],
  );
  await logFailure(tx, write);
  return changes === 1;
}

/** The server refused the message itself: dead-letter it now. */
export async function recordRejected(tx: SqlDb, write: FailureWrite): Promise<boolean> {
  const { row, owner, nowMs } = write;
  const { changes } = await tx.run(
    `UPDATE messages
        SET status = 'failed', completed_at = ?, next_attempt_at = ?, lease_until = NULL, lease_owner = NULL,
            last_error = ?, last_error_category = ?, http_status = ?
      WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
    [nowMs, nowMs, write.error, write.category, write.httpStatus, row.id, owner],
  );
  await logFailure(tx, write);
  return changes === 1;
}

/** A configuration problem is ours, not the message's: back to pending, the attempt not counted. */
export async function recordReleased(tx: SqlDb, write: FailureWrite): Promise<boolean> {
  const { row, owner, nowMs } = write;
  const { changes } = await tx.run(
    `UPDATE messages
        SET status = 'pending', attempts = MAX(attempts - 1, 0), next_attempt_at = ?, lease_until = NULL,
            lease_owner = NULL, last_error = ?, last_error_category = ?, http_status = ?
      WHERE id = ? AND status = 'sending' AND lease_owner = ?`,
    [nowMs, write.error, write.category, write.httpStatus, row.id, owner],
  );
  await logFailure(tx, write);
  return changes === 1;
}
