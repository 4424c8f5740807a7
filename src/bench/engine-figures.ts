// The engine measured in this process: enqueue rate (alone, and while the dispatcher delivers),
// health() time at 1,000 and 1,000,000 queued rows, and how long work waits for the database lock.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, type Engine } from '../../android-app/src/engine/index';
import { openSqliteDb } from '../../android-app/node/sqlite-db';
import { createNodeHttpTransport } from '../device/virtual/node-http-transport';
import { bareHttpServer, listen } from './machine-limits';
import { medianMs, percentile, sequentialRate, type RateOptions } from './measure';

const sms = (n: number) => ({
  sender: `+1555${String(n % 1000).padStart(7, '0')}`,
  parts: [{ body: `Your code is ${n}`, index: 1, total: 1 }],
  smscTimestamp: Date.now(),
  simSlot: 0,
});

interface BenchEngineOptions {
  /** Told each wait for the database lock, ms. */
  readonly onLockWait?: (ms: number) => void;
  /** Group commit after pending I/O, as the virtual device runs it. Default: a microtask (the engine's default). */
  readonly deferToIo?: boolean;
}

/** The engine as the virtual device wires it: better-sqlite3, node:http. */
async function withEngine<T>(
  dbPath: string,
  webhookUrl: string,
  work: (engine: Engine) => Promise<T>,
  options: BenchEngineOptions = {},
): Promise<T> {
  const db = openSqliteDb(dbPath, { onLockWait: options.onLockWait });
  const transport = createNodeHttpTransport();
  const engine = await createEngine({
    db,
    transport,
    config: { webhookUrl, deviceId: 'bench' },
    defer: options.deferToIo ? setImmediate : undefined,
  });
  try {
    return await work(engine);
  } finally {
    await engine.stop();
    transport.close();
    await db.close();
  }
}

/** Enqueues per second (each committed before the next), with the dispatcher stopped or delivering to a bare server. */
export async function engineIngestRate(
  dir: string,
  name: string,
  withDispatch: boolean,
  options: RateOptions,
): Promise<number> {
  const server = bareHttpServer();
  const port = await listen(server);
  try {
    return await withEngine(join(dir, `${name}.sqlite`), `http://127.0.0.1:${port}/webhook`, async (engine) => {
      if (withDispatch) engine.start();
      let n = 0;
      return sequentialRate(() => engine.enqueue(sms(n++)), options);
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * Fills a migrated database with `rows` messages in one statement: a third delivered (latencies up
 * to 5 s), some retrying and failed, the rest pending, created over the last 24 h. The engine's
 * counter triggers run for every row, as they would have for real traffic.
 */
function bulkLoad(path: string, rows: number, nowMs: number): void {
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw
    .prepare(
      `
    INSERT INTO messages (message_id, sender, body, parts, received_at, sim_slot, seq, created_at, retry_since,
                          status, attempts, next_attempt_at, completed_at, delivered_at, latency_ms)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @rows),
         m(i, created, kind) AS (SELECT i, @now - (i * 7919) % 86400000,
                                        CASE WHEN i % 3 = 0 THEN 'delivered' WHEN i % 7 = 0 THEN 'retrying' WHEN i % 11 = 0 THEN 'failed' ELSE 'pending' END FROM n)
    SELECT 'bench-' || i, '+1555' || (i % 1000), 'Your code is ' || i, 1, created, 0, i, created, created, kind, kind <> 'pending', created,
           CASE WHEN kind IN ('delivered', 'failed') THEN created + i % 5000 END,
           CASE WHEN kind = 'delivered' THEN created + i % 5000 END,
           CASE WHEN kind = 'delivered' THEN i % 5000 END
      FROM m`,
    )
    .run({ rows, now: nowMs });
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

/** Median health() time with `rows` messages queued (bulk-loaded in one statement through the engine's schema). */
export async function healthTimeMs(dir: string, rows: number): Promise<number> {
  const path = join(dir, `health-${rows}.sqlite`);
  // Migrate through the engine, then bulk-load with raw SQL: a million enqueues one by one would
  // measure the disk, not health().
  await withEngine(path, 'http://127.0.0.1:9/none', async () => undefined);
  bulkLoad(path, rows, Date.now());
  return withEngine(path, 'http://127.0.0.1:9/none', async (engine) => {
    await engine.health(); // warm the page cache: the figure is the query, not the first disk read
    return medianMs(() => engine.health(), 11);
  });
}

/**
 * Waits for the database lock while `ratePerSecond` SMS arrive for `seconds` (each enqueued at its
 * moment, as a receiver would, never waiting for the one before) and the dispatcher delivers them
 * to a bare server. Returns the p99 wait, ms, and how many waits it is taken over.
 */
export async function lockWaitP99Ms(
  dir: string,
  ratePerSecond: number,
  seconds: number,
): Promise<{ p99Ms: number; waits: number; delivered: boolean }> {
  const server = bareHttpServer();
  const port = await listen(server);
  const waits: number[] = [];
  try {
    return await withEngine(
      join(dir, 'lock-wait.sqlite'),
      `http://127.0.0.1:${port}/webhook`,
      async (engine) => {
        engine.start();
        const stored: Promise<unknown>[] = [];
        const started = performance.now();
        const total = Math.round(ratePerSecond * seconds);
        while (stored.length < total) {
          const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerSecond));
          while (stored.length < due) stored.push(engine.enqueue(sms(stored.length)));
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await Promise.all(stored);
        const delivered = await engine.drain(60_000);
        return { p99Ms: percentile(waits, 0.99), waits: waits.length, delivered };
      },
      { onLockWait: (ms) => waits.push(ms), deferToIo: true },
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
