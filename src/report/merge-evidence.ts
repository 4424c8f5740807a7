// The raw evidence of every shard, read again: each shard's injection log traced against its own
// stub's ledger (the trace a run takes at its end), and what only the union of the shards shows: the
// SMS that repeat one of another shard, and idempotency keys two shards' servers both accepted.
// Each database is opened read-only and read a row at a time; the union is kept in an anonymous
// SQLite database on disk, so a merge of soaks holds no more in memory than a run's own trace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SmsgwError } from '../errors';
import type { InjectionCounts } from '../injection/injection-store';
import { traceRun, tracedMessages, type TracedMessage, type TraceResult } from '../judge/trace';
import { shardName, type ShardRun } from './merge-inputs';

/** What one shard's databases say. */
export interface ShardEvidence {
  readonly run: ShardRun;
  readonly trace: TraceResult;
  readonly counts: InjectionCounts;
}

export interface UnionEvidence {
  readonly shards: readonly ShardEvidence[];
  /** SMS whose sender and text equal an earlier SMS of any shard (`messages.repeats`). */
  readonly repeats: number;
  /** Keys first accepted by more than one shard's server, beyond the first: each an SMS one server would have dropped. */
  readonly keyCollisions: number;
  /** A few of those keys, for the detail. */
  readonly collidingKeys: readonly string[];
}

const files = (run: ShardRun) => ({
  injections: join(run.dir, 'injections.sqlite'),
  ledger: join(run.dir, 'ledger.sqlite'),
});

/** Both databases of every shard are there: a redacted run removed them, and nothing else can stand in. */
function refuseMissingDatabases(runs: readonly ShardRun[]): void {
  const issues = runs.flatMap((run) => {
    const missing = Object.values(files(run)).filter((path) => !existsSync(path));
    if (missing.length === 0) return [];
    const why = run.report.redacted ? ': it was run with --redact, which removes them at its end' : '';
    return [`${shardName(run)}: no ${missing.map((path) => path.slice(run.dir.length + 1)).join(' or ')}${why}`];
  });
  if (issues.length > 0)
    throw new SmsgwError('bad-report', 'some shards lack the databases their SMS are traced from', {
      issues,
      hint: 'run each shard with --no-redact and keep its whole folder (injections.sqlite, ledger.sqlite)',
    });
}

/** A shard's injection log, read-only, shaped as the trace reads one. */
function openLog(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  return {
    db,
    // The run's end has answered every SMS: nothing is in flight, but the trace reads the table.
    prepareTrace: () =>
      void db.exec(
        'CREATE TEMP TABLE IF NOT EXISTS in_flight (idx INTEGER PRIMARY KEY, sender TEXT NOT NULL, text TEXT NOT NULL, injected_at INTEGER NOT NULL)',
      ),
    flush: () => undefined,
  };
}

type Log = ReturnType<typeof openLog>;

function countsOf(log: Log): InjectionCounts {
  const rows = log.db.prepare('SELECT state, COUNT(*) AS n FROM injections GROUP BY state').all() as {
    state: string;
    n: number;
  }[];
  const of = (state: string): number => rows.find((row) => row.state === state)?.n ?? 0;
  const attempted = rows.reduce((sum, row) => sum + row.n, 0);
  return {
    attempted,
    acknowledged: of('acknowledged'),
    inDoubt: of('in-doubt'),
    unanswered: of('unanswered'),
    refused: of('refused'),
  };
}

/**
 * The log holds the shard's slice and nothing else: every SMS at a position k−1 modulo n below the
 * run's total, and, unless the run was aborted, as many as it planned. A folder of another shard or
 * another run under this one's report would otherwise be merged as this shard.
 */
function checkSlice(log: Log, run: ShardRun, total: number): string | null {
  const { count, index } = run;
  const facts = log.db
    .prepare(
      `SELECT COUNT(*) AS rows, COALESCE(MAX(idx), -1) AS top, COALESCE(SUM(idx % ${count} != ${index - 1}), 0) AS strays FROM injections`,
    )
    .get() as { rows: number; top: number; strays: number };
  if (facts.strays > 0)
    return `${shardName(run)}: ${facts.strays} SMS of its injection log are not shard ${index}/${count}'s`;
  if (facts.top >= total)
    return `${shardName(run)}: its injection log holds SMS #${facts.top}, beyond the ${total} SMS of the shards' plans`;
  if (run.report.aborted === undefined && facts.rows !== run.report.counts.planned)
    return `${shardName(run)}: its injection log holds ${facts.rows} SMS, its report planned ${run.report.counts.planned}`;
  return null;
}

/** Traces every shard against its own ledger; throws bad-report when a shard's databases are not its slice. */
function traceEach(runs: readonly ShardRun[]): ShardEvidence[] {
  const total = runs.reduce((sum, run) => sum + run.report.counts.planned, 0);
  const issues: string[] = [];
  const shards = runs.map((run) => {
    const log = openLog(files(run).injections);
    try {
      const wrong = checkSlice(log, run, total);
      if (wrong !== null) issues.push(wrong);
      return { run, trace: traceRun(log, files(run).ledger), counts: countsOf(log) };
    } finally {
      log.db.close();
    }
  });
  if (issues.length > 0)
    throw new SmsgwError('bad-report', "some shards' injection logs are not their slice of the load", { issues });
  return shards;
}

/** Copies `select`'s rows from a shard's database into the union, a transaction per batch. */
function copyRows(from: Database.Database, select: string, into: Database.Statement, union: Database.Database): void {
  const batch: unknown[][] = [];
  const flush = union.transaction((rows: unknown[][]) => {
    for (const row of rows) into.run(...row);
  });
  for (const row of from.prepare(select).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= 10_000) flush(batch.splice(0));
  }
  flush(batch);
}

const collisionsSql = `SELECT COALESCE(SUM(n - 1), 0) AS collisions FROM (SELECT COUNT(*) AS n FROM keys GROUP BY message_id HAVING n > 1)`;
const collidingKeysSql = `SELECT message_id FROM keys GROUP BY message_id HAVING COUNT(*) > 1 ORDER BY message_id LIMIT 3`;

/** Repeats and key collisions across shards, from the distinct contents and keys of each. */
function unionOf(runs: readonly ShardRun[]): Omit<UnionEvidence, 'shards'> {
  // An anonymous database: SQLite keeps it in a temporary file, deleted when it is closed.
  const union = new Database('');
  try {
    union.exec(`
      CREATE TABLE contents (sender TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (sender, text)) WITHOUT ROWID;
      CREATE TABLE keys (message_id TEXT NOT NULL, shard INTEGER NOT NULL, PRIMARY KEY (message_id, shard)) WITHOUT ROWID;`);
    const addContent = union.prepare('INSERT OR IGNORE INTO contents (sender, text) VALUES (?, ?)');
    const addKey = union.prepare('INSERT OR IGNORE INTO keys (message_id, shard) VALUES (?, ?)');
    let injected = 0;
    for (const run of runs) {
      const { injections, ledger } = files(run);
      const log = new Database(injections, { readonly: true, fileMustExist: true });
      const accepted = new Database(ledger, { readonly: true, fileMustExist: true });
      try {
        injected += (log.prepare('SELECT COUNT(*) AS n FROM injections').get() as { n: number }).n;
        copyRows(log, 'SELECT DISTINCT sender, text FROM injections', addContent, union);
        const keys = `SELECT DISTINCT message_id, ${run.index} FROM stub_requests WHERE first = 1 AND message_id IS NOT NULL`;
        copyRows(accepted, keys, addKey, union);
      } finally {
        log.close();
        accepted.close();
      }
    }
    const distinct = (union.prepare('SELECT COUNT(*) AS n FROM contents').get() as { n: number }).n;
    const { collisions } = union.prepare(collisionsSql).get() as { collisions: number };
    const collidingKeys = (union.prepare(collidingKeysSql).all() as { message_id: string }[]).map(
      (row) => row.message_id,
    );
    return { repeats: injected - distinct, keyCollisions: collisions, collidingKeys };
  } finally {
    union.close();
  }
}

/** Every shard traced from its own databases, and the union's facts; throws bad-report (exit 2) when evidence is missing or foreign. */
export function readEvidence(runs: readonly ShardRun[]): UnionEvidence {
  refuseMissingDatabases(runs);
  return { shards: traceEach(runs), ...unionOf(runs) };
}

/** Every acknowledged SMS of every shard, in the unsharded run's order (for the merged trace.jsonl). */
export function* mergedTrace(runs: readonly ShardRun[]): Generator<TracedMessage> {
  const total = runs.reduce((sum, run) => sum + run.report.counts.planned, 0);
  const logs = runs.map((run) => openLog(files(run).injections));
  try {
    const streams = runs.map((run, position) => tracedMessages(logs[position]!, files(run).ledger));
    const heads = streams.map((stream) => stream.next());
    // SMS i is shard (i mod n)'s, and each shard's trace is in index order (its slice was checked):
    // walking the positions takes every head in turn, without comparing them.
    for (let index = 0; index < total; index += 1) {
      const position = index % runs.length;
      const head = heads[position]!;
      if (head.done || head.value.index !== index) continue;
      yield head.value;
      heads[position] = streams[position]!.next();
    }
  } finally {
    for (const log of logs) log.db.close();
  }
}
