// SqlDb over op-sqlite (the phone's SQLite). The adapter holds only the three calls it needs, so a
// test can hand it a fake connection built over better-sqlite3 and exercise real SQLite.
import { Mutex } from 'async-mutex';
import type { RunResult, SqlDb, SqlParams, SqlValue } from '../engine';

/** The slice of op-sqlite 18's `DB` this adapter uses. */
export interface OpSqliteConnection {
  execute(query: string, params?: OpSqliteScalar[]): Promise<{ rowsAffected: number; rows: Record<string, unknown>[] }>;
  close(): void;
}

export type OpSqliteScalar = string | number | boolean | null | ArrayBuffer | ArrayBufferView;

export interface OpSqliteDbOptions {
  /** How long a write waits for another connection's lock before SQLITE_BUSY. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

/** A SQLite failure; `code` (SQLITE_BUSY, SQLITE_FULL…) lets the engine classify it as `database`. */
export class OpSqliteError extends Error {
  readonly code: string;

  constructor(message: string, code: string, cause: unknown) {
    super(message, { cause });
    this.name = 'OpSqliteError';
    this.code = code;
  }
}

// op-sqlite throws plain Errors carrying sqlite3_errmsg text and sometimes the numeric result code.
const CODES: readonly (readonly [RegExp, string])[] = [
  [/database is locked|\bcode:? 5\b/i, 'SQLITE_BUSY'],
  [/table is locked|\bcode:? 6\b/i, 'SQLITE_LOCKED'],
  [/disk is full|database or disk is full|\bcode:? 13\b/i, 'SQLITE_FULL'],
  [/disk I\/O error|\bcode:? 10\b/i, 'SQLITE_IOERR'],
  [/UNIQUE constraint failed/i, 'SQLITE_CONSTRAINT_UNIQUE'],
];

function mapError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const match = CODES.find(([pattern]) => pattern.test(message));
  return new OpSqliteError(message, match ? match[1] : 'SQLITE_ERROR', error);
}

// op-sqlite binds numbers as int/double and has no bigint: the engine never needs more than 2^53.
function bind(params: SqlParams = []): OpSqliteScalar[] {
  return params.map((value: SqlValue) => (typeof value === 'bigint' ? Number(value) : value));
}

/**
 * Wraps an open op-sqlite connection. Every statement takes a turn on one mutex, because op-sqlite
 * runs statements on a worker thread and a statement issued mid-transaction would join it.
 */
export function createOpSqliteDb(connection: OpSqliteConnection): SqlDb {
  const lock = new Mutex();
  let closed = false;

  const exec = async (sql: string, params?: SqlParams) => {
    if (closed) throw new Error('SqlDb is closed');
    try {
      return await connection.execute(sql, bind(params));
    } catch (error) {
      throw mapError(error);
    }
  };
  const run = async (sql: string, params?: SqlParams): Promise<RunResult> => ({
    changes: (await exec(sql, params)).rowsAffected,
  });
  const all = async <Row>(sql: string, params?: SqlParams): Promise<Row[]> => (await exec(sql, params)).rows as Row[];

  const tx: SqlDb = {
    run,
    all,
    transaction: () => Promise.reject(new Error('SqlDb.transaction is not re-entrant: use the tx you were given')),
    close: () => Promise.reject(new Error('Cannot close a connection from inside its transaction')),
  };

  return {
    run: (sql, params) => lock.runExclusive(() => run(sql, params)),
    all: <Row = Record<string, SqlValue>>(sql: string, params?: SqlParams) =>
      lock.runExclusive(() => all<Row>(sql, params)),
    transaction: (work) =>
      lock.runExclusive(async () => {
        // Not op-sqlite's transaction(): it uses a deferred BEGIN, and IMMEDIATE takes the write lock up
        // front so two writers never deadlock upgrading read locks.
        await exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          await exec('COMMIT');
          return result;
        } catch (error) {
          await exec('ROLLBACK').catch(() => undefined); // SQLite may have rolled back already
          throw error;
        }
      }),
    close: () =>
      lock.runExclusive(() => {
        if (closed) return;
        closed = true;
        connection.close();
      }),
  };
}

/** WAL, and FULL sync so an acknowledged SMS survives a power cut, not only a crash. */
export async function configureConnection(db: SqlDb, options: OpSqliteDbOptions = {}): Promise<void> {
  await db.all('PRAGMA journal_mode = WAL');
  await db.run('PRAGMA synchronous = FULL');
  await db.all(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
}
