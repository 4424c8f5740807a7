// The run's injection log in SQLite, beside the stub's ledger: every SMS the harness sent and what
// the device answered. Counters stay in memory; the rows go to disk in one transaction per tick,
// so a soak of millions of SMS keeps the harness's memory flat. The trace (trace.ts) is SQL over
// this table and the ledger.
import Database from 'better-sqlite3';
import { runDefaults } from '../run/defaults';
import type { Injection } from '../judge/trace';
import type { InjectionLog } from './injector';

const schema = `
CREATE TABLE IF NOT EXISTS injections (
  idx INTEGER PRIMARY KEY,         -- position in the load plan
  sender TEXT NOT NULL,
  text TEXT NOT NULL,
  injected_at INTEGER NOT NULL,    -- epoch ms when the sms send line was written
  state TEXT NOT NULL,             -- acknowledged | in-doubt | unanswered | refused
  reason TEXT                      -- why it was refused or went unanswered
);
CREATE INDEX IF NOT EXISTS injections_content ON injections(sender, text, state);
-- SMS whose line is written and whose answer has not come back, as of the latest trace: the stub may
-- already have accepted them, so a trace mid-run counts them in doubt, not their acceptance a stray.
CREATE TEMP TABLE IF NOT EXISTS in_flight (idx INTEGER PRIMARY KEY, sender TEXT NOT NULL, text TEXT NOT NULL, injected_at INTEGER NOT NULL);
`;

export type InjectionState = 'acknowledged' | 'in-doubt' | 'unanswered' | 'refused';
type State = InjectionState;
interface Row {
  readonly idx: number;
  readonly sender: string;
  readonly text: string;
  readonly injectedAt: number;
  readonly state: State;
  readonly reason: string | null;
}

export interface InjectionCounts {
  readonly attempted: number;
  readonly acknowledged: number;
  readonly inDoubt: number;
  readonly unanswered: number;
  readonly refused: number;
}

export interface InjectionStore extends InjectionLog {
  counts(): InjectionCounts;
  /** Why the newest refused (or unanswered) SMS got its answer, for the error tail; null before the first. */
  lastReason(of: 'refused' | 'unanswered'): string | null;
  /** Writes what is buffered; called before the trace reads the table. */
  flush(): void;
  /** Rows buffered, not yet written: after flush(), those a failed write (a full disk) left behind. */
  unwritten(): number;
  /** Writes what is buffered, and the SMS still waiting for an answer into `temp.in_flight`, for a trace. */
  prepareTrace(): void;
  /** The connection, for the trace's queries (it attaches the ledger). */
  readonly db: Database.Database;
  close(): void;
}

/** Opens (creating) the injection log at `path`; `:memory:` for tests. */
export function openInjectionStore(path: string, onError: (error: unknown) => void = console.error): InjectionStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A harness that dies takes its run with it: the log needs to survive a crash of the trace, not of the machine.
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${runDefaults.sqliteCacheKiB}`);
  db.exec(schema);
  const insert = db.prepare(
    'INSERT INTO injections (idx, sender, text, injected_at, state, reason) VALUES (@idx, @sender, @text, @injectedAt, @state, @reason)',
  );
  const insertAll = db.transaction((rows: readonly Row[]) => {
    for (const row of rows) insert.run(row);
  });
  const clearInFlight = db.prepare('DELETE FROM temp.in_flight');
  const insertInFlight = db.prepare(
    'INSERT INTO temp.in_flight (idx, sender, text, injected_at) VALUES (@index, @sender, @text, @injectedAt)',
  );
  const replaceInFlight = db.transaction((rows: Iterable<Injection>) => {
    clearInFlight.run();
    for (const row of rows) insertInFlight.run(row);
  });
  // Bounded by the injector's in-flight limit.
  const inFlight = new Map<number, Injection>();

  let pending: Row[] = [];
  let flushScheduled = false;
  const lastReasons: Record<'refused' | 'unanswered', string | null> = { refused: null, unanswered: null };
  const counts = { acknowledged: 0, inDoubt: 0, unanswered: 0, refused: 0 };

  const flush = (): void => {
    flushScheduled = false;
    if (pending.length === 0 || !db.open) return;
    try {
      insertAll(pending);
      pending = [];
    } catch (error) {
      onError(error); // kept in `pending`, retried on the next flush
    }
  };
  const add = (row: Row): void => {
    inFlight.delete(row.idx);
    pending.push(row);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const fromInjection = (injection: Injection, state: State, reason: string | null = null): Row => ({
    idx: injection.index,
    sender: injection.sender,
    text: injection.text,
    injectedAt: injection.injectedAt,
    state,
    reason,
  });

  return {
    attempted: 0,
    db,
    acknowledged(injection) {
      counts.acknowledged += 1;
      add(fromInjection(injection, 'acknowledged'));
    },
    inDoubt(injection) {
      counts.inDoubt += 1;
      add(fromInjection(injection, 'in-doubt'));
    },
    unanswered(sms) {
      counts.unanswered += 1;
      lastReasons.unanswered = sms.reason;
      add(fromInjection(sms, 'unanswered', sms.reason));
    },
    refused(refusal) {
      counts.refused += 1;
      lastReasons.refused = refusal.reason;
      add(fromInjection(refusal, 'refused', refusal.reason));
    },
    sending(injection) {
      inFlight.set(injection.index, injection);
    },
    counts() {
      return { attempted: this.attempted, ...counts };
    },
    prepareTrace() {
      flush();
      if (db.open) replaceInFlight(inFlight.values());
    },
    lastReason: (of) => lastReasons[of],
    flush,
    unwritten: () => pending.length,
    close() {
      flush();
      if (db.open) db.close();
    },
  };
}
