// The engine measured in this process: enqueue rate (alone, and while the dispatcher delivers) and
// health() time at 1,000 and 1,000,000 queued rows.
import { join } from 'node:path';
import { createGateway, type Gateway } from '../../android-app/src/gateway/index';
import { openSqliteDb } from '../device/virtual/sqlite-db';
import { createGotTransport } from '../device/virtual/got-transport';
import { bareHttpServer, listen } from './machine-limits';
import { medianMs, sequentialRate, type RateOptions } from './measure';

const sms = (n: number) => ({ sender: `+1555${String(n % 1000).padStart(7, '0')}`, parts: [{ body: `Your code is ${n}`, index: 1, total: 1 }], smscTimestamp: Date.now(), simSlot: 0 });

async function withGateway<T>(dbPath: string, webhookUrl: string, work: (gateway: Gateway) => Promise<T>): Promise<T> {
  const db = openSqliteDb(dbPath);
  const transport = createGotTransport();
  const gateway = await createGateway({ db, transport, config: { webhookUrl, deviceId: 'bench' } });
  try {
    return await work(gateway);
  } finally {
    await gateway.stop();
    transport.close();
    await db.close();
  }
}

/** Enqueues per second (each committed before the next), with the dispatcher stopped or delivering to a bare server. */
export async function engineIngestRate(dir: string, name: string, withDispatch: boolean, options: RateOptions): Promise<number> {
  const server = bareHttpServer();
  const port = await listen(server);
  try {
    return await withGateway(join(dir, `${name}.sqlite`), `http://127.0.0.1:${port}/webhook`, async (gateway) => {
      if (withDispatch) gateway.start();
      let n = 0;
      return sequentialRate(() => gateway.enqueue(sms(n++)), options);
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** Median health() time with `rows` messages queued (bulk-loaded in one transaction through the engine's schema). */
export async function healthTimeMs(dir: string, rows: number): Promise<number> {
  const path = join(dir, `health-${rows}.sqlite`);
  // Migrate through the engine once, then bulk-load with raw SQL: a million enqueues one by one would
  // measure the disk, not health().
  await withGateway(path, 'http://127.0.0.1:9/none', async (gateway) => void (await gateway.enqueue(sms(0))));
  const { default: Database } = await import('better-sqlite3');
  const raw = new Database(path);
  const template = raw.prepare('SELECT * FROM messages LIMIT 1').get() as Record<string, unknown>;
  const columns = Object.keys(template).filter((column) => column !== 'id');
  const insert = raw.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  const now = Date.now();
  raw.transaction(() => {
    for (let n = 1; n < rows; n += 1) {
      const delivered = n % 3 === 0;
      insert.run({
        ...template,
        message_id: `bench-${n}`,
        seq: n + 1,
        status: delivered ? 'delivered' : n % 7 === 0 ? 'retrying' : 'pending',
        received_at: now - (n % 86_400_000),
        created_at: now - (n % 86_400_000),
        delivered_at: delivered ? now - (n % 3_600_000) : null,
        latency_ms: delivered ? n % 5000 : null,
      });
    }
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return withGateway(path, 'http://127.0.0.1:9/none', async (gateway) => {
    await gateway.health(); // warm the page cache: the figure is the query, not the first disk read
    return medianMs(() => gateway.health(), 11);
  });
}
