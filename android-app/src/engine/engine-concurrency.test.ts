import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { claimMessages } from './claim-messages';
import type { HttpRequest, SqlDb, TransportResult } from './ports';
import { FakeClock } from '../../test/support/fake-clock';
import { deferred, networkError, respond } from '../../test/support/fake-transport';
import { seededRandom } from '../../test/support/seeded-random';
import { createTestEngine, testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'smsgw-gw-')), 'gateway.sqlite');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function open(path: string): SqlDb {
  const db = openSqliteDb(path);
  cleanups.push(() => db.close());
  return db;
}

describe('one sender per message at a time', () => {
  it('a crash mid-send leaves a lease that expires, and the message is then delivered once', async () => {
    const path = tempPath();
    const clock = new FakeClock();
    // Engine A claims the message and dies before the server answers: its POST never completes, and
    // its timers never fire again (its own clock stands still).
    const deadClock = new FakeClock(clock.now());
    const crashed = await createTestEngine({
      db: open(path),
      clock: deadClock,
      handler: () => new Promise<TransportResult>(() => undefined),
    });
    crashed.engine.start();
    await crashed.engine.enqueue(testSms());
    await waitFor(() => crashed.transport.requests.length === 1, 'A sends');

    // Engine B starts on the same file (the app restarted) and must wait for A's lease.
    const survivor = await createTestEngine({ db: open(path), clock });
    survivor.engine.start();
    cleanups.push(() => survivor.engine.stop());
    await waitFor(() => clock.nextTimerAt() !== null, 'B arms a timer for the lease expiry');
    expect(survivor.transport.requests).toHaveLength(0);
    clock.advance(survivor.engine.config.leaseMs);
    await waitFor(async () => (await survivor.engine.health()).delivered === 1, 'B delivers');
    expect(survivor.transport.requests).toHaveLength(1);
    const [message] = await survivor.engine.listMessages();
    expect(message).toMatchObject({ status: 'delivered', attempts: 2, leaseUntil: null });
    expect((await survivor.engine.health()).sending).toBe(0);
  });

  it('two engines on one file never send the same message at the same time, and deliver each exactly once', async () => {
    const path = tempPath();
    const clock = new FakeClock();
    const inFlight = new Set<string>();
    const delivered = new Map<string, number>();
    const overlaps: string[] = [];
    const random = seededRandom(3);
    const server = async (request: HttpRequest): Promise<TransportResult> => {
      const key = request.headers['Idempotency-Key']!;
      if (inFlight.has(key)) overlaps.push(key);
      inFlight.add(key);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random.next() * 3)));
      inFlight.delete(key);
      if (random.next() < 0.2) return random.next() < 0.5 ? respond(503) : networkError('ECONNRESET');
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      return respond(200);
    };
    const config = { concurrency: 4, breakerThreshold: 1_000 };
    const a = await createTestEngine({ db: open(path), clock, handler: server, config, random: seededRandom(1) });
    const b = await createTestEngine({ db: open(path), clock, handler: server, config, random: seededRandom(2) });
    cleanups.push(
      () => a.engine.stop(),
      () => b.engine.stop(),
    );
    a.engine.start();
    b.engine.start();
    const ids = await Promise.all(Array.from({ length: 150 }, (_, i) => (i % 2 ? a : b).engine.enqueue(testSms())));
    await waitFor(
      async () => {
        clock.advance(1_000); // retries come due; the lease (60 s) never runs out under a live sender
        return (await a.engine.health()).delivered === 150;
      },
      'all delivered',
      20_000,
    );
    expect(overlaps).toEqual([]);
    expect(delivered.size).toBe(150);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(ids.map((r) => r.messageId))).toEqual(new Set(delivered.keys()));
    expect(a.transport.requests.length).toBeGreaterThan(0);
    expect(b.transport.requests.length).toBeGreaterThan(0);
  });

  it('a live send keeps its lease: a second engine does not take the message while the POST is in flight', async () => {
    const path = tempPath();
    const clock = new FakeClock();
    const gate = deferred<TransportResult>();
    const first = await createTestEngine({ db: open(path), clock, handler: () => gate.promise });
    const second = await createTestEngine({ db: open(path), clock });
    cleanups.push(
      () => first.engine.stop(),
      () => second.engine.stop(),
    );
    first.engine.start();
    await first.engine.enqueue(testSms());
    await waitFor(() => first.transport.requests.length === 1, 'first sends');
    second.engine.start();
    clock.advance(first.engine.config.leaseMs - 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await claimMessages(open(path), { limit: 10, nowMs: clock.now(), leaseMs: 1, owner: 'probe' })).toEqual([]);
    expect(second.transport.requests).toHaveLength(0);
    gate.resolve(respond(200));
    await waitFor(async () => (await first.engine.health()).delivered === 1, 'first delivers');
  });
});
