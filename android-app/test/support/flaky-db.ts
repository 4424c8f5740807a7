// A SqlDb that fails chosen statements the way a busy or full SQLite does, to test that the engine
// retries and never drops an SMS.
import type { SqlDb, SqlParams } from '../../src/engine/ports';

export interface FlakyDb extends SqlDb {
  /** Statements failed so far. */
  readonly failures: number;
}

/** Wraps `db`; a statement fails with `code` while `shouldFail(sql)` returns true. */
export function flakyDb(db: SqlDb, shouldFail: (sql: string) => boolean, code = 'SQLITE_BUSY'): FlakyDb {
  let failures = 0;
  const check = (sql: string): void => {
    if (!shouldFail(sql)) return;
    failures++;
    throw Object.assign(new Error(code === 'SQLITE_FULL' ? 'database or disk is full' : 'database is locked'), {
      code,
    });
  };
  const wrap = (inner: SqlDb): SqlDb => ({
    run: async (sql: string, params?: SqlParams) => (check(sql), inner.run(sql, params)),
    all: async <Row>(sql: string, params?: SqlParams) => (check(sql), inner.all<Row>(sql, params)),
    transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
    close: () => inner.close(),
  });
  // defineProperty, not Object.assign: assign would copy the getter's value once.
  return Object.defineProperty(wrap(db), 'failures', { get: () => failures }) as FlakyDb;
}
