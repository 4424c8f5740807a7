// An op-sqlite connection over better-sqlite3, so adapter tests store into real SQLite.
import Database from 'better-sqlite3';
import type { OpSqliteConnection, OpSqliteScalar } from '../../src/services/op-sqlite-db';

export interface FakeOpSqlite extends OpSqliteConnection {
  readonly statements: string[];
  readonly raw: Database.Database;
}

export function fakeOpSqlite(path = ':memory:'): FakeOpSqlite {
  const raw = new Database(path);
  const statements: string[] = [];
  return {
    raw,
    statements,
    // Async like op-sqlite's (it runs on a worker thread): the adapter must not rely on synchronous results.
    async execute(query: string, params: OpSqliteScalar[] = []) {
      statements.push(query);
      await Promise.resolve();
      // Like op-sqlite's to_variant, which knows numbers, strings, booleans, null and buffers only.
      if (params.some((value) => typeof value === 'bigint'))
        throw new Error('[op-sqlite] Invalid argument type (bigint)');
      const values = params.map((value) =>
        ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value,
      );
      const statement = raw.prepare(query);
      if (statement.reader) return { rowsAffected: 0, rows: statement.all(...values) as Record<string, unknown>[] };
      return { rowsAffected: statement.run(...values).changes, rows: [] };
    },
    close: () => raw.close(),
  };
}
