// An engine on a real SQLite file for the engine's tests, stopped and closed after each test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SqlDb } from '../../src/engine/ports';
import { openSqliteDb } from '../../node/sqlite-db';
import { createTestEngine, type TestEngineOptions } from './test-engine';

/** Registers the cleanup hook in the calling test file and returns its `setup`. */
export function engineOnDisk() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async function setup(options: Omit<TestEngineOptions, 'db'> = {}) {
    const db: SqlDb = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-engine-')), 'engine.sqlite'));
    const test = await createTestEngine({ db, ...options });
    cleanups.push(async () => {
      await test.engine.stop();
      await db.close();
    });
    return test;
  };
}
