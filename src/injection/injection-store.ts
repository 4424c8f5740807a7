// The run's injection log in SQLite, beside the stub's ledger: every SMS the harness sent and what
// the device answered. Counters stay in memory; the rows go to disk in one transaction per tick,
// so a soak of millions of SMS keeps the harness's memory flat. The trace (src/judge/trace.ts) is
// SQL over this table and the ledger.
import Database from 'better-sqlite3';
import { getLogger, logCaught } from '../logger';
import { injectionDefaults } from './defaults';
import type { Injection, InjectionLog } from './injection-log';

const schema = `
CREATE TABLE IF NOT EXISTS injections (
  idx INTEGER PRIMARY KEY,         -- position in the load plan
  sender TEXT NOT NULL,
  text TEXT NOT NULL,
  injected_at INTEGER NOT NULL,    -- epoch ms when the sms send line was written
  state TEXT NOT NULL,             -- acknowledged | in-doubt | unanswered | refused
  reason TEXT,                     -- why it was refused or went unanswered
  device INTEGER NOT NULL DEFAULT 1 -- the device of the fleet it was sent to, from 1
);
CREATE INDEX IF NOT EXISTS injections_content ON injections(sender, text, state);
-- SMS whose line is written and whose answer has not come back, as of the latest trace: the stub may
-- already have accepted them, so a trace mid-run counts them in doubt, not their acceptance a stray.
CREATE TEMP TABLE IF NOT EXISTS in_flight (idx INTEGER PRIMARY KEY, sender TEXT NOT NULL, text TEXT NOT NULL, injected_at INTEGER NOT NULL, device INTEGER NOT NULL DEFAULT 1);
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
  readonly device: number;
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
  /** The same counts for each device of a fleet that was sent an SMS, by its number (from 1). */
  deviceCounts(): ReadonlyMap<number, InjectionCounts>;
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

const logger = getLogger('injection');

function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A harness that dies takes its run with it: the log needs to survive a crash of the trace, not of the machine.
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${injectionDefaults.sqliteCacheKiB}`);
  db.exec(schema);
  return db;
}

const rowOf = (injection: Injection, state: State, reason: string | null = null): Row => ({
  idx: injection.index,
  sender: injection.sender,
  text: injection.text,
  injectedAt: injection.injectedAt,
  state,
  reason,
  device: injection.device ?? 1,
});

/** Rows waiting for their transaction: written once per tick; a failed write keeps them for the next. */
class PendingRows {
  private rows: Row[] = [];
  private scheduled = false;
  private readonly insertAll: (rows: readonly Row[]) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly onError: (error: unknown) => void,
  ) {
    const insert = db.prepare(
      'INSERT INTO injections (idx, sender, text, injected_at, state, reason, device) VALUES (@idx, @sender, @text, @injectedAt, @state, @reason, @device)',
    );
    this.insertAll = db.transaction((rows: readonly Row[]) => {
      for (const row of rows) insert.run(row);
    });
  }

  add(row: Row): void {
    this.rows.push(row);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.rows.length === 0 || !this.db.open) return;
    try {
      this.insertAll(this.rows);
      this.rows = [];
    } catch (error) {
      this.onError(error); // kept, retried on the next flush
    }
  }

  get size(): number {
    return this.rows.length;
  }
}

/** SMS whose line is written and whose answer is not back; bounded by the injector's in-flight limit. */
class SmsInFlight {
  private readonly sms = new Map<number, Injection>();
  private readonly replace: (rows: Iterable<Injection>) => void;

  constructor(private readonly db: Database.Database) {
    const clear = db.prepare('DELETE FROM temp.in_flight');
    const insert = db.prepare(
      'INSERT INTO temp.in_flight (idx, sender, text, injected_at, device) VALUES (@index, @sender, @text, @injectedAt, @device)',
    );
    this.replace = db.transaction((rows: Iterable<Injection>) => {
      clear.run();
      for (const row of rows)
        insert.run({
          index: row.index,
          sender: row.sender,
          text: row.text,
          injectedAt: row.injectedAt,
          device: row.device ?? 1,
        });
    });
  }

  sending(injection: Injection): void {
    this.sms.set(injection.index, injection);
  }

  answered(index: number): void {
    this.sms.delete(index);
  }

  /** Copies them into `temp.in_flight`, where a trace reads them. */
  writeForTrace(): void {
    if (this.db.open) this.replace(this.sms.values());
  }
}

const stateCount = {
  acknowledged: 'acknowledged',
  'in-doubt': 'inDoubt',
  unanswered: 'unanswered',
  refused: 'refused',
} as const;

/** Each device's counts, in memory like the run's: a fleet has a few devices, a soak millions of SMS. */
class CountsByDevice {
  private readonly byDevice = new Map<number, { -readonly [K in keyof InjectionCounts]: number }>();

  private of(device: number | undefined) {
    const key = device ?? 1;
    let counts = this.byDevice.get(key);
    if (counts === undefined) {
      counts = { attempted: 0, acknowledged: 0, inDoubt: 0, unanswered: 0, refused: 0 };
      this.byDevice.set(key, counts);
    }
    return counts;
  }

  sending(injection: Injection): void {
    this.of(injection.device).attempted += 1;
  }

  answered(row: Row): void {
    this.of(row.device)[stateCount[row.state]] += 1;
  }

  all(): ReadonlyMap<number, InjectionCounts> {
    return new Map([...this.byDevice].map(([device, counts]) => [device, { ...counts }]));
  }
}

/** Opens (creating) the injection log at `path`; `:memory:` for tests. `onError` hears of rows a write failed to keep. */
export function openInjectionStore(
  path: string,
  onError: (error: unknown) => void = logCaught(logger, 'injections not written, kept for the next try'),
): InjectionStore {
  const db = openDatabase(path);
  const pending = new PendingRows(db, onError);
  const inFlight = new SmsInFlight(db);
  const lastReasons: Record<'refused' | 'unanswered', string | null> = { refused: null, unanswered: null };
  const counts = { acknowledged: 0, inDoubt: 0, unanswered: 0, refused: 0 };
  const byDevice = new CountsByDevice();
  const answered = (row: Row): void => {
    inFlight.answered(row.idx);
    byDevice.answered(row);
    pending.add(row);
  };
  return {
    attempted: 0,
    db,
    acknowledged(injection) {
      counts.acknowledged += 1;
      answered(rowOf(injection, 'acknowledged'));
    },
    inDoubt(injection) {
      counts.inDoubt += 1;
      answered(rowOf(injection, 'in-doubt'));
    },
    unanswered(sms) {
      counts.unanswered += 1;
      lastReasons.unanswered = sms.reason;
      answered(rowOf(sms, 'unanswered', sms.reason));
    },
    refused(refusal) {
      counts.refused += 1;
      lastReasons.refused = refusal.reason;
      answered(rowOf(refusal, 'refused', refusal.reason));
    },
    sending(injection) {
      byDevice.sending(injection);
      inFlight.sending(injection);
    },
    counts() {
      return { attempted: this.attempted, ...counts };
    },
    deviceCounts: () => byDevice.all(),
    prepareTrace() {
      pending.flush();
      inFlight.writeForTrace();
    },
    lastReason: (of) => lastReasons[of],
    flush: () => pending.flush(),
    unwritten: () => pending.size,
    close() {
      pending.flush();
      if (db.open) db.close();
    },
  };
}
