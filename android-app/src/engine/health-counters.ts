// Health's counters, kept by triggers in the very transaction that changes a message, so they can
// never drift from the rows, whichever process or code path writes. COUNT(*) over an index grows
// with the queue (27 ms at 200,000 rows); these tables answer in the same time at any size.
//   status_counts   one row per status (since migration 3, rows of gateway_state: see status-counts.ts)
//   minute_counts   messages created, delivered and failed per minute (UTC minute of the timestamp)
//   latency_counts  deliveries per latency bucket per hour, for the p50/p95 of the last 24 h

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * A latency's bucket: exact below 100 ms, then two significant digits (1,234 ms → 1,200 ms), so a
 * percentile read from the buckets is at most 10% under the true value and the table stays small.
 */
export function latencyBucketSql(column: string): string {
  // CAST: a bound parameter or an expression has no INTEGER affinity, and REAL division would not floor.
  const value = `CAST(${column} AS INTEGER)`;
  const steps = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
  const whens = steps.map((limit, i) =>
    i === 0
      ? `WHEN ${value} < ${limit} THEN ${value}`
      : `WHEN ${value} < ${limit} THEN ${value} / ${limit / 100} * ${limit / 100}`,
  );
  return `CASE ${whens.join(' ')} ELSE ${value} / 10000000 * 10000000 END`;
}

/** The same bucketing in TypeScript (up to 10⁹ ms, past any max age), for tests and for reading. */
export function latencyBucket(ms: number): number {
  if (ms < 100) return ms;
  let step = 1;
  while (ms >= step * 100) step *= 10;
  return Math.floor(ms / step) * step;
}

/** The UTC minute of a timestamp column, as minute_counts keys it. */
export const minute = (column: string): string => `CAST(${column} AS INTEGER) / ${MINUTE_MS}`;
const hour = (column: string): string => `CAST(${column} AS INTEGER) / ${HOUR_MS}`;

/** Trigger statements that count a finished message (NEW) in minute_counts, or take it out (OLD). */
export const addCompleted = `INSERT INTO minute_counts (minute, created, delivered, failed)
      SELECT ${minute('NEW.completed_at')}, 0, NEW.status = 'delivered', NEW.status = 'failed' WHERE NEW.completed_at IS NOT NULL
      ON CONFLICT (minute) DO UPDATE SET delivered = delivered + excluded.delivered, failed = failed + excluded.failed;`;

export const removeCompleted = `UPDATE minute_counts SET delivered = delivered - (OLD.status = 'delivered'), failed = failed - (OLD.status = 'failed')
      WHERE OLD.completed_at IS NOT NULL AND minute = ${minute('OLD.completed_at')};`;

/** Trigger statements that count a delivery (NEW) in latency_counts, or take it out (OLD). */
export const addLatency = `INSERT INTO latency_counts (bucket, hour, n)
      SELECT ${latencyBucketSql('NEW.latency_ms')}, ${hour('NEW.delivered_at')}, 1 WHERE NEW.latency_ms IS NOT NULL AND NEW.delivered_at IS NOT NULL
      ON CONFLICT (bucket, hour) DO UPDATE SET n = n + 1;`;

export const removeLatency = `UPDATE latency_counts SET n = n - 1
      WHERE OLD.latency_ms IS NOT NULL AND OLD.delivered_at IS NOT NULL
        AND bucket = ${latencyBucketSql('OLD.latency_ms')} AND hour = ${hour('OLD.delivered_at')};`;

/** Migration 1 → 2: the counter tables, filled from the rows already there, and their triggers. */
export const healthCounters: readonly string[] = [
  // Latency percentiles come from latency_counts now: the index would only slow every delivery down.
  'DROP INDEX messages_latency',
  'CREATE TABLE status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID',
  "INSERT INTO status_counts (status, n) VALUES ('pending', 0), ('sending', 0), ('retrying', 0), ('delivered', 0), ('failed', 0)",
  'UPDATE status_counts SET n = (SELECT COUNT(*) FROM messages WHERE messages.status = status_counts.status)',
  `CREATE TABLE minute_counts (
    minute INTEGER PRIMARY KEY,
    created INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    failed INTEGER NOT NULL
  )`,
  `INSERT INTO minute_counts (minute, created, delivered, failed)
     SELECT ${minute('created_at')}, COUNT(*), 0, 0 FROM messages WHERE true GROUP BY 1`,
  `INSERT INTO minute_counts (minute, created, delivered, failed)
     SELECT ${minute('completed_at')}, 0, SUM(status = 'delivered'), SUM(status = 'failed') FROM messages WHERE completed_at IS NOT NULL GROUP BY 1
     ON CONFLICT (minute) DO UPDATE SET delivered = excluded.delivered, failed = excluded.failed`,
  // (bucket, hour): GROUP BY bucket walks the key in order, no sort; old hours are pruned.
  'CREATE TABLE latency_counts (bucket INTEGER NOT NULL, hour INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (bucket, hour)) WITHOUT ROWID',
  `INSERT INTO latency_counts (bucket, hour, n)
     SELECT ${latencyBucketSql('latency_ms')}, ${hour('delivered_at')}, COUNT(*) FROM messages
      WHERE latency_ms IS NOT NULL AND delivered_at IS NOT NULL GROUP BY 1, 2`,
  `CREATE TRIGGER messages_counts_insert AFTER INSERT ON messages BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
    INSERT INTO minute_counts (minute, created, delivered, failed) VALUES (${minute('NEW.created_at')}, 1, 0, 0)
      ON CONFLICT (minute) DO UPDATE SET created = created + 1;
    ${addCompleted}
    ${addLatency}
  END`,
  `CREATE TRIGGER messages_counts_delete AFTER DELETE ON messages BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE minute_counts SET created = created - 1 WHERE minute = ${minute('OLD.created_at')};
    ${removeCompleted}
    ${removeLatency}
  END`,
  `CREATE TRIGGER messages_counts_status AFTER UPDATE OF status ON messages WHEN OLD.status <> NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
  END`,
  `CREATE TRIGGER messages_counts_created AFTER UPDATE OF created_at ON messages WHEN OLD.created_at <> NEW.created_at BEGIN
    UPDATE minute_counts SET created = created - 1 WHERE minute = ${minute('OLD.created_at')};
    INSERT INTO minute_counts (minute, created, delivered, failed) VALUES (${minute('NEW.created_at')}, 1, 0, 0)
      ON CONFLICT (minute) DO UPDATE SET created = created + 1;
  END`,
  `CREATE TRIGGER messages_counts_completed AFTER UPDATE OF status, completed_at ON messages
    WHEN OLD.completed_at IS NOT NEW.completed_at OR (NEW.completed_at IS NOT NULL AND OLD.status <> NEW.status) BEGIN
    ${removeCompleted}
    ${addCompleted}
  END`,
  `CREATE TRIGGER messages_counts_latency AFTER UPDATE OF latency_ms, delivered_at ON messages
    WHEN OLD.latency_ms IS NOT NEW.latency_ms OR OLD.delivered_at IS NOT NEW.delivered_at BEGIN
    ${removeLatency}
    ${addLatency}
  END`,
];

export const counterTime = { MINUTE_MS, HOUR_MS } as const;
