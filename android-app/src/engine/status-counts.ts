// The counts per status, kept as rows of gateway_state, and migration 3, which puts them there.
// Every page a commit writes costs a WAL frame and part of its fsync, and an enqueue used to write
// eight b-tree pages where a bare insert writes one. Migration 3 takes three of them away:
//   - the counts per status become rows of gateway_state, which the enqueue writes anyway
//     (next_seq) and so does a claim (last_run_at): one small table, one page for both;
//   - messages_created goes: health reads totals from minute_counts, and the rows of the one
//     minute a window starts in are a range of messages_status_created (every status is listed);
//   - the due index keeps only messages that wait for a moment (a retry's backoff, a lease's
//     expiry): a pending message is due at once, and messages_status_created already lists
//     pending ones in arrival order, which is the order they are claimed in (claim-messages.ts).
import { addCompleted, addLatency, minute, removeCompleted, removeLatency } from './health-counters';
import type { MessageStatus } from './types';

export const messageStatuses: readonly MessageStatus[] = ['pending', 'sending', 'retrying', 'delivered', 'failed'];

const statusKeyPrefix = 'status:';

/** The gateway_state key holding how many messages are in `status`. */
export function statusCountKey(status: MessageStatus): string {
  return `${statusKeyPrefix}${status}`;
}

/** In SQL, the status a gateway_state key counts. */
export const statusOfKeySql = `substr(key, ${statusKeyPrefix.length + 1})`;

const statusKeySql = (column: string): string => `'${statusKeyPrefix}' || ${column}`;

/** Migration 2 → 3: status counts into gateway_state, messages_created dropped, the due index narrowed. */
export const statusCountsInState: readonly string[] = [
  `INSERT INTO gateway_state (key, value) SELECT ${statusKeySql('status')}, n FROM status_counts`,
  'DROP TRIGGER messages_counts_insert',
  'DROP TRIGGER messages_counts_delete',
  'DROP TRIGGER messages_counts_status',
  'DROP TABLE status_counts',
  'DROP INDEX messages_created',
  'DROP INDEX messages_due',
  `CREATE INDEX messages_waiting ON messages (next_attempt_at) WHERE status IN ('retrying', 'sending')`,
  `CREATE TRIGGER messages_counts_insert AFTER INSERT ON messages BEGIN
    UPDATE gateway_state SET value = value + 1 WHERE key = ${statusKeySql('NEW.status')};
    INSERT INTO minute_counts (minute, created, delivered, failed) VALUES (${minute('NEW.created_at')}, 1, 0, 0)
      ON CONFLICT (minute) DO UPDATE SET created = created + 1;
  END`,
  // Only a bulk load or an import inserts a finished message: an enqueue need not run these.
  `CREATE TRIGGER messages_counts_insert_finished AFTER INSERT ON messages
    WHEN NEW.completed_at IS NOT NULL OR NEW.latency_ms IS NOT NULL BEGIN
    ${addCompleted}
    ${addLatency}
  END`,
  `CREATE TRIGGER messages_counts_delete AFTER DELETE ON messages BEGIN
    UPDATE gateway_state SET value = value - 1 WHERE key = ${statusKeySql('OLD.status')};
    UPDATE minute_counts SET created = created - 1 WHERE minute = ${minute('OLD.created_at')};
    ${removeCompleted}
    ${removeLatency}
  END`,
  `CREATE TRIGGER messages_counts_status AFTER UPDATE OF status ON messages WHEN OLD.status <> NEW.status BEGIN
    UPDATE gateway_state SET value = value - 1 WHERE key = ${statusKeySql('OLD.status')};
    UPDATE gateway_state SET value = value + 1 WHERE key = ${statusKeySql('NEW.status')};
  END`,
];
