import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../../android-app/node/sqlite-db';
import { createEngine, type Engine } from '../../../android-app/src/engine/index';
import type { Clock, HttpTransport, SqlDb } from '../../../android-app/src/engine/ports';
import { scaledClock } from './scaled-clock';

const HOUR_MS = 3_600_000;

/** A wall clock the test moves by hand; its timers only record what they were armed for. */
function handWall(startMs: number) {
  const armed: number[] = [];
  let nowMs = startMs;
  const clock: Clock = {
    now: () => nowMs,
    setTimeout: (_callback, ms) => armed.push(ms),
    clearTimeout: () => undefined,
  };
  return { clock, armed, advance: (ms: number) => (nowMs += ms) };
}

describe('scaledClock', () => {
  it('runs speed times the wall clock from the origin, and arms timers for a speed-th of the wait', () => {
    const wall = handWall(1_000_000);
    const device = scaledClock({ speed: 100, originMs: 1_000_000 }, wall.clock);
    expect(device.now()).toBe(1_000_000);
    wall.advance(1_000);
    expect(device.now()).toBe(1_100_000);
    device.setTimeout(() => undefined, 60_000);
    expect(wall.armed).toEqual([600]);
    expect(device.wallNow?.()).toBe(1_001_000);
  });

  it('carries on from the run’s origin in a process started later, never back in time', () => {
    const wall = handWall(5_000);
    const first = scaledClock({ speed: 1_000, originMs: 5_000 }, wall.clock);
    wall.advance(2_000);
    const beforeKill = first.now();
    wall.advance(500);
    const restarted = scaledClock({ speed: 1_000, originMs: 5_000 }, wall.clock);
    expect(restarted.now()).toBeGreaterThan(beforeKill);
    expect(restarted.now()).toBe(5_000 + 2_500 * 1_000);
  });

  it('is the wall clock itself at 1x', () => {
    const wall = handWall(0);
    expect(scaledClock({ speed: 1, originMs: 0 }, wall.clock)).toBe(wall.clock);
  });
});

describe('an engine on a scaled clock', () => {
  let dir: string | null = null;
  let engine: Engine | null = null;
  let db: SqlDb | null = null;
  afterEach(async () => {
    await engine?.stop();
    await db?.close();
    engine = null;
    db = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('plays a retry schedule of hours in seconds of wall time, and gives up after its 50 attempts', async () => {
    dir = mkdtempSync(join(os.tmpdir(), 'smsgw-scaled-clock-'));
    db = openSqliteDb(join(dir, 'queue.sqlite'));
    const clock = scaledClock({ speed: 10_000, originMs: Date.now() });
    // Every attempt is refused at once, as by a server that is down; each is stamped on the device's clock.
    const attemptsAt: number[] = [];
    const stamps: number[] = [];
    const transport: HttpTransport = {
      post: (request) => {
        attemptsAt.push(clock.now());
        stamps.push(Number(request.headers['X-Timestamp']) - Date.now());
        return Promise.resolve({ kind: 'network-error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      },
    };
    engine = await createEngine({ db, transport, clock, config: { webhookUrl: 'http://127.0.0.1:9/', deviceId: 'd' } });
    engine.start();
    await engine.enqueue({
      sender: '+15550001',
      parts: [{ body: 'hello', index: 1, total: 1 }],
      smscTimestamp: Date.now(),
      simSlot: 0,
    });
    // Generous: about 10 hours of backoff and breaker probes, a few seconds of wall time at 10000x.
    const deadline = Date.now() + 120_000;
    while ((await engine.health()).gaveUp === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await engine.health();
    expect(health).toMatchObject({ gaveUp: 1, failed: 1, queueSize: 0 });
    // Its 50 attempts, and the circuit breaker's probes that carried it before its own time (not counted).
    expect((await engine.listMessages())[0]?.attempts).toBe(engine.config.maxAttempts);
    expect(attemptsAt.length).toBeGreaterThanOrEqual(engine.config.maxAttempts);
    expect([...attemptsAt].sort((a, b) => a - b)).toEqual(attemptsAt);
    // The schedule spans hours of device time: backoff capped at 15 min a step, the breaker's probes as slow.
    expect(attemptsAt.at(-1)! - attemptsAt[0]!).toBeGreaterThan(HOUR_MS);
    expect((await engine.listErrors(1))[0]?.message).toMatch(/^Gave up after 50 attempt\(s\) over \d+\.\d h: /);
    // What goes on the wire keeps the wall clock's time, hours behind the device's: the server checks it.
    expect(stamps.every((skewMs) => Math.abs(skewMs) < 60_000)).toBe(true);
  });
  it('waits out a Retry-After date for as long as the server asked, though its clock is hours behind the device’s', async () => {
    dir = mkdtempSync(join(os.tmpdir(), 'smsgw-scaled-clock-'));
    db = openSqliteDb(join(dir, 'queue.sqlite'));
    // Ten minutes into the run at 100x: the device's clock is about 16 hours ahead of the server's.
    const clock = scaledClock({ speed: 100, originMs: Date.now() - 600_000 });
    // "Come back in a minute", as a date on the server's (the wall) clock.
    const retryAt = () => new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000).toUTCString();
    const transport: HttpTransport = {
      post: () => Promise.resolve({ kind: 'response', status: 503, headers: { 'retry-after': retryAt() }, body: '' }),
    };
    engine = await createEngine({ db, transport, clock, config: { webhookUrl: 'http://127.0.0.1:9/', deviceId: 'd' } });
    engine.start();
    await engine.enqueue({
      sender: '+15550002',
      parts: [{ body: 'later', index: 1, total: 1 }],
      smscTimestamp: 0,
      simSlot: 0,
    });
    const waited = async () =>
      (
        await db!.all<{ wait: number | null }>(
          "SELECT next_attempt_at - last_attempt_at AS wait FROM messages WHERE status = 'retrying'",
        )
      )[0]?.wait ?? null;
    const deadline = Date.now() + 60_000;
    while ((await waited()) === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // About the 60 s asked for, plus the engine's spread of at most 20 % and the answer's own time on
    // the device's clock; never the no wait at all a date read against the device's clock would give.
    expect(await waited()).toBeGreaterThan(55_000);
    expect(await waited()).toBeLessThan(120_000);
  });
});
