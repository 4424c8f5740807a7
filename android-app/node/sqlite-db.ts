// The engine's SqlDb port on better-sqlite3, for the engine wherever it runs on Node: the virtual device
// and the engine's own tests, with the settings the phone runs (WAL, synchronous=FULL, a busy timeout).
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import type { RunResult, SqlDb, SqlParams, SqlValue } from '../src/engine/ports';

export interface SqliteDbOptions {
  /** How long a write waits for another process's lock before SQLITE_BUSY. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Prepared statements kept per connection (least recently used evicted). Default 200. */
  readonly statementCacheSize?: number;
  /** Told how long each call waited for the connection's lock, ms (the bench's lock-wait figure). Default none. */
  readonly onLockWait?: (ms: number) => void;
  /**
   * Page cache of this connection, KiB. Default: better-sqlite3's build default, 16,000 KiB, which a
   * growing queue fills page by page, a memory creep under a flat JS heap; the virtual device passes its own.
   */
  readonly pageCacheKib?: number;
}

/** A SQLite failure; `code` is SQLite's own (SQLITE_BUSY, SQLITE_FULL, SQLITE_CONSTRAINT_UNIQUE…). */
export class SqliteDbError extends Error {
  readonly code: string;

  constructor(message: string, code: string, cause: unknown) {
    super(message, { cause });
    this.name = 'SqliteDbError';
    this.code = code;
  }
}

// better-sqlite3 is synchronous: a second connection in the same process that waits on busy_timeout
// blocks the very thread that would release the lock, so it always times out. Connections to one
// file in one process therefore take turns here; other processes still meet busy_timeout.
const fileLocks = new Map<string, { mutex: Mutex; users: number }>();
let anonymousFiles = 0;

function lockFor(key: string): Mutex {
  const entry = fileLocks.get(key) ?? { mutex: new Mutex(), users: 0 };
  entry.users++;
  fileLocks.set(key, entry);
  return entry.mutex;
}

function releaseLock(key: string): void {
  const entry = fileLocks.get(key);
  if (entry && --entry.users === 0) fileLocks.delete(key);
}

function mapError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) return new SqliteDbError(error.message, error.code, error);
  return error;
}

function bind(params: SqlParams): unknown[] {
  // better-sqlite3 binds Buffers, not plain Uint8Arrays.
  return params.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));
}

class SqliteDb implements SqlDb {
  private readonly db: Database.Database;
  private readonly lock: Mutex;
  private readonly key: string;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly cacheSize: number;
  private readonly lockWaitListener: ((ms: number) => void) | undefined;
  private readonly tx: SqlDb;
  private closed = false;

  constructor(path: string, options: SqliteDbOptions) {
    const anonymous = path === '' || path === ':memory:';
    this.key = anonymous ? `anonymous:${++anonymousFiles}` : resolve(path);
    this.cacheSize = options.statementCacheSize ?? 200;
    this.lockWaitListener = options.onLockWait;
    const pageCacheKib = options.pageCacheKib;
    if (pageCacheKib !== undefined && !(Number.isSafeInteger(pageCacheKib) && pageCacheKib > 0)) {
      throw new RangeError(`Expected \`pageCacheKib\` to be a positive integer, got ${pageCacheKib}`);
    }
    try {
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // FULL fsyncs the WAL on every commit: an acknowledged SMS survives a power cut, not only a crash.
      this.db.pragma('synchronous = FULL');
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      // A negative cache_size is KiB, a positive one pages; the page cache is malloc'd as it fills.
      if (pageCacheKib !== undefined) this.db.pragma(`cache_size = ${-pageCacheKib}`);
    } catch (error) {
      throw mapError(error);
    }
    this.lock = lockFor(this.key);
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
    if (statement) {
      this.statements.delete(sql); // re-insert: Map order doubles as LRU order
    } else {
      statement = this.db.prepare(sql);
      const oldest = this.statements.keys().next();
      if (this.statements.size >= this.cacheSize && !oldest.done) this.statements.delete(oldest.value);
    }
    this.statements.set(sql, statement);
    return statement;
  }

  private runNow(sql: string, params: SqlParams = []): RunResult {
    try {
      return { changes: this.prepare(sql).run(...bind(params)).changes };
    } catch (error) {
      throw mapError(error);
    }
  }

  private allNow<Row>(sql: string, params: SqlParams = []): Row[] {
    try {
      const statement = this.prepare(sql);
      if (!statement.reader) {
        statement.run(...bind(params));
        return [];
      }
      return statement.all(...bind(params)) as Row[];
    } catch (error) {
      throw mapError(error);
    }
  }

  /** Runs `work` holding the lock; with onLockWait, reports the wait (two clock reads: no measurable cost). */
  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const onLockWait = this.lockWaitListener;
    if (!onLockWait) return this.lock.runExclusive(work);
    const asked = performance.now();
    return this.lock.runExclusive(() => {
      onLockWait(performance.now() - asked);
      return work();
    });
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.exclusive(() => this.runNow(sql, params));
  }

  all<Row = Record<string, SqlValue>>(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.exclusive(() => this.allNow<Row>(sql, params));
  }

  transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
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
      releaseLock(this.key);
    });
  }
}

/** Opens (creating if needed) a SQLite file in WAL mode with synchronous=FULL. */
export function openSqliteDb(path: string, options: SqliteDbOptions = {}): SqlDb {
  return new SqliteDb(path, options);
}
