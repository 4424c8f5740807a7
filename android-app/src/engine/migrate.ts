// One schema for the phone and the virtual device, versioned with PRAGMA user_version. A migration
// is appended, never edited: phones in the field sit at every version that ever shipped.
import { healthCounters } from './health-counters';
import type { SqlDb } from './ports';
import { scrubServerAnswers } from './scrub-server-answers';
import { statusCountsInState } from './status-counts';

/** migrations[i] takes the schema from version i to version i + 1. */
export const migrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE,
      sender TEXT NOT NULL,
      body TEXT NOT NULL,
      parts INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      sim_slot INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      -- Start of the max-age window: created_at, reset by a replay so a replayed message gets a new life.
      retry_since INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      lease_until INTEGER,
      lease_owner TEXT,
      last_attempt_at INTEGER,
      last_error TEXT,
      last_error_category TEXT,
      http_status INTEGER,
      delivered_at INTEGER,
      completed_at INTEGER,
      latency_ms INTEGER
    )`,
    // Claiming: due messages in due order. While 'sending', next_attempt_at holds the lease expiry,
    // so one partial index serves both "due for retry" and "lease expired" and the claim stays O(batch).
    `CREATE INDEX messages_due ON messages (next_attempt_at)
      WHERE status IN ('pending', 'retrying', 'sending')`,
    // Counts per status and the oldest undelivered message.
    'CREATE INDEX messages_status_created ON messages (status, created_at)',
    // Total today.
    'CREATE INDEX messages_created ON messages (created_at)',
    // Success rate and delivered today: finished messages by finish time, status in the index.
    'CREATE INDEX messages_completed ON messages (completed_at, status) WHERE completed_at IS NOT NULL',
    // Latency percentiles: walk latencies in order, filter by delivery time, never touch the table.
    'CREATE INDEX messages_latency ON messages (latency_ms, delivered_at) WHERE latency_ms IS NOT NULL',
    `CREATE TABLE errors (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      category TEXT NOT NULL,
      message TEXT NOT NULL,
      message_id TEXT,
      http_status INTEGER
    )`,
    // Small key/value state shared by every process on the file: the sequence counter, the last run.
    `CREATE TABLE gateway_state (
      key TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    )`,
    "INSERT INTO gateway_state (key, value) VALUES ('next_seq', 0), ('last_run_at', 0)",
  ],
  healthCounters,
  statusCountsInState,
  scrubServerAnswers,
  // The receiving SIM's subscription id and number, where the phone's receiver knew them (nullable: older rows and the virtual device have neither).
  ['ALTER TABLE messages ADD COLUMN subscription_id INTEGER', 'ALTER TABLE messages ADD COLUMN received_on TEXT'],
];

export const schemaVersion = migrations.length;

async function userVersion(db: SqlDb): Promise<number> {
  const rows = await db.all<{ user_version: number }>('PRAGMA user_version');
  return Number(rows[0]?.user_version ?? 0);
}

/**
 * Brings the schema to `schemaVersion`. Safe to run from two processes at once: each step re-reads
 * the version inside its write transaction. Refuses a database written by a newer engine.
 */
export async function migrate(db: SqlDb): Promise<number> {
  for (;;) {
    const applied = await db.transaction(async (tx) => {
      const version = await userVersion(tx);
      if (version > schemaVersion) {
        throw new Error(
          `Database schema version ${version} is newer than this engine's ${schemaVersion}; update the app`,
        );
      }
      const steps = migrations[version];
      if (!steps) return false;
      for (const sql of steps) await tx.run(sql);
      // PRAGMA takes no bound parameters; the value is our own integer.
      await tx.run(`PRAGMA user_version = ${version + 1}`);
      return true;
    });
    if (!applied) return schemaVersion;
  }
}
