// The engine's SqlDb port on better-sqlite3, for the engine's own tests under Node: a real SQLite file
// with the settings the phone runs (WAL, synchronous=FULL, a busy timeout), so what the tests measure
// (WAL frames per commit, query plans, two engines on one file) is what the app gets.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import type { RunResult, SqlDb, SqlParams, SqlValue } from '../../src/engine/ports';

const busyTimeoutMs = 5000;

// better-sqlite3 is synchronous: a second connection in the same process that waited on busy_timeout
// would block the very thread that must release the lock, so it would always time out. Connections to
// one file in one process therefore take turns on a shared mutex; other processes still meet busy_timeout.
const fileLocks = new Map<string, { readonly mutex: Mutex; users: number }>();
let anonymousFiles = 0;

function takeLock(key: string): Mutex {
  const entry = fileLocks.get(key) ?? { mutex: new Mutex(), users: 0 };
  entry.users++;
  fileLocks.set(key, entry);
  return entry.mutex;
}

function dropLock(key: string): void {
  const entry = fileLocks.get(key);
  if (entry && --entry.users === 0) fileLocks.delete(key);
}

// better-sqlite3 binds Buffers, not plain Uint8Arrays.
const bind = (params: SqlParams): unknown[] =>
  params.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));

class NodeSqliteDb implements SqlDb {
  private readonly db: Database.Database;
  private readonly key: string;
  private readonly lock: Mutex;
  private readonly statements = new Map<string, Database.Statement>();
  /** What `transaction` hands its work: the same connection, already holding the lock. */
  private readonly tx: SqlDb;
  private closed = false;

  constructor(path: string) {
    const anonymous = path === '' || path === ':memory:';
    this.key = anonymous ? `anonymous:${++anonymousFiles}` : resolve(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL fsyncs the WAL on every commit, as on the phone: an acknowledged SMS survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    this.lock = takeLock(this.key);
    this.tx = {
      run: async (sql, params) => this.runNow(sql, params),
      all: async (sql, params) => this.allNow(sql, params),
      transaction: () => Promise.reject(new Error('SqlDb.transaction is not re-entrant: use the tx you were given')),
      close: () => Promise.reject(new Error('Cannot close a connection from inside its transaction')),
    };
  }

  private prepare(sql: string): Database.Statement {
    if (this.closed) throw new Error('SqlDb is closed');
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private runNow(sql: string, params: SqlParams = []): RunResult {
    return { changes: this.prepare(sql).run(...bind(params)).changes };
  }

  private allNow<Row>(sql: string, params: SqlParams = []): Row[] {
    const statement = this.prepare(sql);
    if (statement.reader) return statement.all(...bind(params)) as Row[];
    statement.run(...bind(params));
    return [];
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.lock.runExclusive(() => this.runNow(sql, params));
  }

  all<Row = Record<string, SqlValue>>(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.lock.runExclusive(() => this.allNow<Row>(sql, params));
  }

  transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T> {
    return this.lock.runExclusive(async () => {
      // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading read locks.
      this.runNow('BEGIN IMMEDIATE');
      try {
        const result = await work(this.tx);
        this.runNow('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.lock.runExclusive(() => {
      if (this.closed) return;
      this.closed = true;
      this.statements.clear();
      this.db.close();
      dropLock(this.key);
    });
  }
}

/** Opens (creating if needed) a SQLite file in WAL mode with synchronous=FULL; `:memory:` for a private one. */
export function openNodeSqliteDb(path: string): SqlDb {
  return new NodeSqliteDb(path);
}
