// Matches every SMS the harness injected to what the stub server accepted. The device mints its own
// messageIds, so the link is the content: (sender, text) pairs, matched as multisets in time order,
// compared byte for byte (SQLite's BINARY collation). It runs as SQL over the injection log and the
// stub's ledger, so tracing a soak of millions of SMS never holds them in memory.
import type Database from 'better-sqlite3';
import { runDefaults } from './defaults';
import type { InjectionStore } from './injection-store';

/** One SMS the device acknowledged on its console. */
export interface Injection {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  /** When the `sms send` line was written, ms since the epoch. */
  readonly injectedAt: number;
}

/** One acknowledged SMS and what became of it: a line of trace.jsonl. */
export interface TracedMessage {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly injectedAt: number;
  /** The idempotency key the server first accepted it under; null when never accepted. */
  readonly messageId: string | null;
  readonly acceptedAt: number | null;
  /** Injection to first 2xx, ms; null when never accepted. */
  readonly latencyMs: number | null;
  /** Requests the server saw for its key, faulted and refused ones included. */
  readonly requests: number;
}

/** An accepted text that equals no injected text, beside the lost SMS of its sender nearest in time. */
export interface CorruptedText {
  readonly sender: string | null;
  readonly accepted: string;
  /** What that sender's nearest lost SMS said; null when the sender lost nothing. */
  readonly injected: string | null;
}

export interface TraceResult {
  readonly delivered: number;
  /** Acknowledged but never accepted. */
  readonly lost: number;
  /** Accepted under a second key: the server would act twice. */
  readonly duplicates: number;
  /** Accepted again under the same key, deduped by the server. */
  readonly redeliveries: number;
  /** In-doubt SMS (sent, never answered) that the server accepted once: fine either way. */
  readonly inDoubtDelivered: number;
  /** Accepted texts that equal no injected text byte for byte (mangled on the way, or never sent). */
  readonly corrupted: number;
  readonly corruptedSamples: readonly CorruptedText[];
  /** Injection to first 2xx of every delivered SMS, ms, ascending. */
  readonly latenciesMs: Float64Array;
  readonly lostSamples: ReadonlyArray<{ readonly index: number; readonly sender: string; readonly text: string }>;
}

const SAMPLES = { lost: 100, corrupted: 3 } as const;

/**
 * The first acceptance of every key, numbered within its content in arrival order, and the
 * acknowledged injections numbered the same way: the n-th injection of a text meets its n-th acceptance.
 */
const matched = (acceptances: string): string => `
WITH acc AS (
  SELECT message_id, sender, text, arrived_at, ROW_NUMBER() OVER (PARTITION BY sender, text ORDER BY arrived_at, id) AS nth
  FROM ${acceptances} WHERE first = 1
), inj AS (
  SELECT idx, sender, text, injected_at, ROW_NUMBER() OVER (PARTITION BY sender, text ORDER BY injected_at, idx) AS nth
  FROM injections WHERE state = 'acknowledged'
)
SELECT inj.idx, inj.sender, inj.text, inj.injected_at, acc.message_id, acc.arrived_at
FROM inj LEFT JOIN acc ON acc.sender = inj.sender AND acc.text = inj.text AND acc.nth = inj.nth`;

/** Per content: acceptances beyond the acknowledged injections are duplicates, unless an in-doubt SMS excuses them. */
const extras = (acceptances: string): string => `
WITH a AS (SELECT sender, text, COUNT(*) AS n FROM ${acceptances} WHERE first = 1 GROUP BY sender, text),
i AS (
  SELECT sender, text, SUM(state = 'acknowledged') AS acknowledged, SUM(state = 'in-doubt') AS doubt
  FROM injections WHERE state IN ('acknowledged', 'in-doubt') GROUP BY sender, text
), e AS (
  SELECT a.n, i.sender IS NULL AS stray, MAX(0, a.n - COALESCE(i.acknowledged, 0)) AS extra, COALESCE(i.doubt, 0) AS doubt
  FROM a LEFT JOIN i ON i.sender = a.sender AND i.text = a.text
)
SELECT
  COALESCE(SUM(CASE WHEN stray THEN n ELSE 0 END), 0) AS corrupted,
  COALESCE(SUM(CASE WHEN stray THEN 0 ELSE extra - MIN(extra, doubt) END), 0) AS duplicates,
  COALESCE(SUM(CASE WHEN stray THEN 0 ELSE MIN(extra, doubt) END), 0) AS inDoubtDelivered
FROM e`;

const strays = (acceptances: string): string => `
SELECT f.sender, f.text AS accepted, (
  SELECT l.text FROM (${matched(acceptances)}) l
  WHERE l.sender = f.sender AND l.message_id IS NULL ORDER BY ABS(l.injected_at - f.arrived_at) LIMIT 1
) AS injected
FROM ${acceptances} f
WHERE f.first = 1 AND NOT EXISTS (
  SELECT 1 FROM injections i WHERE i.sender = f.sender AND i.text = f.text AND i.state IN ('acknowledged', 'in-doubt')
)
ORDER BY f.id LIMIT ${SAMPLES.corrupted}`;

const redeliveriesSql = (acceptances: string): string => `
SELECT COALESCE(SUM(r.status BETWEEN 200 AND 299), 0) - (SELECT COUNT(*) FROM ${acceptances} WHERE first = 1) AS redeliveries
FROM ${acceptances} r WHERE r.message_id IN (SELECT message_id FROM ${acceptances} WHERE first = 1)`;

/** The ledger's table when the stub got to open one, else an empty stand-in of the same shape. */
const NO_LEDGER = '(SELECT 0 AS id, NULL AS message_id, NULL AS sender, NULL AS text, 0 AS arrived_at, 0 AS first, NULL AS status WHERE 0)';

/**
 * The trace's statements, prepared once per connection. better-sqlite3 frees a statement only when
 * its JS object is garbage collected, and V8 does not see the native memory behind it: a trace at
 * every checkpoint left about 10 MB of compiled window-function queries waiting for a major GC (issue 5).
 */
const preparedStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared<Row>(db: Database.Database, sql: string): Database.Statement<[], Row> {
  let statements = preparedStatements.get(db);
  if (statements === undefined) {
    statements = new Map();
    preparedStatements.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as Database.Statement<[], Row>;
}

function acceptancesOf(db: Database.Database, ledgerPath: string | null): string {
  if (ledgerPath === null) return NO_LEDGER;
  const attached = prepared<{ name: string }>(db, 'PRAGMA database_list').all().some((entry) => entry.name === 'ledger');
  if (!attached) {
    db.prepare("ATTACH DATABASE ? AS ledger").run(ledgerPath);
    db.pragma(`ledger.cache_size = -${runDefaults.sqliteCacheKiB}`);
  }
  const hasTable = prepared(db, "SELECT 1 FROM ledger.sqlite_master WHERE type = 'table' AND name = 'stub_requests'").get() !== undefined;
  return hasTable ? 'ledger.stub_requests' : NO_LEDGER;
}

interface MatchedRow {
  readonly idx: number;
  readonly sender: string;
  readonly text: string;
  readonly injected_at: number;
  readonly message_id: string | null;
  readonly arrived_at: number | null;
}

/**
 * Traces a run: `ledgerPath` is the stub's ledger file (flushed by the caller), null when the stub
 * never started. Reads row by row; only the latencies (8 bytes per delivered SMS) are kept.
 */
export function traceRun(store: InjectionStore, ledgerPath: string | null): TraceResult {
  store.flush();
  const acceptances = acceptancesOf(store.db, ledgerPath);
  const latencies: number[] = [];
  const lostSamples: Array<{ index: number; sender: string; text: string }> = [];
  let lost = 0;
  for (const row of prepared<MatchedRow>(store.db, matched(acceptances)).iterate()) {
    if (row.arrived_at === null) {
      lost += 1;
      if (lostSamples.length < SAMPLES.lost) lostSamples.push({ index: row.idx, sender: row.sender, text: row.text });
    } else {
      latencies.push(Math.max(0, row.arrived_at - row.injected_at));
    }
  }
  lostSamples.sort((a, b) => a.index - b.index);
  const counts = prepared<{ corrupted: number; duplicates: number; inDoubtDelivered: number }>(store.db, extras(acceptances)).get()!;
  const corruptedSamples = counts.corrupted === 0 ? [] : prepared<CorruptedText>(store.db, strays(acceptances)).all();
  const { redeliveries } = prepared<{ redeliveries: number }>(store.db, redeliveriesSql(acceptances)).get()!;
  return {
    delivered: latencies.length,
    lost,
    duplicates: counts.duplicates,
    redeliveries,
    inDoubtDelivered: counts.inDoubtDelivered,
    corrupted: counts.corrupted,
    corruptedSamples,
    latenciesMs: Float64Array.from(latencies).sort(),
    lostSamples,
  };
}

/** Every acknowledged SMS in load order with its delivery, one at a time (for trace.jsonl). */
export function* tracedMessages(store: InjectionStore, ledgerPath: string | null): Generator<TracedMessage> {
  store.flush();
  const acceptances = acceptancesOf(store.db, ledgerPath);
  const requests = acceptances === NO_LEDGER ? '0' : `(SELECT COUNT(*) FROM ${acceptances} r WHERE r.message_id = m.message_id)`;
  const sql = `SELECT m.*, ${requests} AS requests FROM (${matched(acceptances)}) m ORDER BY m.idx`;
  for (const row of prepared<MatchedRow & { requests: number }>(store.db, sql).iterate()) {
    yield {
      index: row.idx,
      sender: row.sender,
      text: row.text,
      injectedAt: row.injected_at,
      messageId: row.message_id,
      acceptedAt: row.arrived_at,
      latencyMs: row.arrived_at === null ? null : Math.max(0, row.arrived_at - row.injected_at),
      requests: row.message_id === null ? 0 : row.requests,
    };
  }
}
