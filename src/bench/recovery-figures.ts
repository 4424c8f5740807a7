// How fast the engine empties its queue once a failing webhook is healthy again: the engine in this
// process, as the virtual device wires it (better-sqlite3, node:http, the system clock, its default
// configuration), against a real node:http server on 127.0.0.1 that the bench makes fail. Every time
// is the bench's own clock and the server's own record of what it accepted, never the engine's word.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createEngine } from '../../android-app/src/engine/index';
import { openSqliteDb } from '../../android-app/node/sqlite-db';
import { createNodeHttpTransport } from '../device/virtual/node-http-transport';
import { createRandom } from '../sms/random';
import { listen } from './machine-limits';

/** How the server fails before it recovers. */
export type Failure =
  /** Each POST answered 503 (no Retry-After) at `rate`, the rest 200: a server that answers others. */
  | { readonly kind: 'random-503'; readonly rate: number; readonly forMs: number }
  /** Nothing listens on the port (connection refused) for `forMs`: a server that is down. */
  | { readonly kind: 'refused'; readonly forMs: number };

export interface RecoveryOptions {
  readonly dir: string;
  readonly name: string;
  readonly failure: Failure;
  /** SMS arriving at an even pace from the start, each stored as it comes. */
  readonly count: number;
  readonly overMs: number;
  /** Give up waiting this long after the recovery; the figure is then NaN. */
  readonly deadlineMs: number;
  readonly seed?: number;
}

export interface Recovery {
  /** From the server's recovery to its first 2xx for the last of the SMS still unaccepted then, ms (0 when none was). */
  readonly recoveryToEmptyMs: number;
  /** SMS the server had accepted when it recovered. */
  readonly acceptedAtRecovery: number;
  /** Distinct SMS the server accepted in all. */
  readonly accepted: number;
  /** 2xx answers to an SMS it had already accepted. */
  readonly duplicates: number;
  readonly requests: number;
  /** Whether the engine itself said its queue was empty afterwards. */
  readonly engineDrained: boolean;
}

/** The webhook: counts every POST, accepts (200) or fails it as told, and keeps each key's first 2xx time. */
function webhook(failing: () => boolean) {
  const firstAccepted = new Map<string, number>();
  const counts = { requests: 0, duplicates: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      counts.requests++;
      if (failing()) return void response.writeHead(503).end();
      const key = String(request.headers['idempotency-key'] ?? '');
      if (firstAccepted.has(key)) counts.duplicates++;
      else firstAccepted.set(key, performance.now());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return { server, firstAccepted, counts };
}

const sms = (n: number) => ({
  sender: `+1555${String(n % 1000).padStart(7, '0')}`,
  parts: [{ body: `Recovery check ${n}`, index: 1, total: 1 }],
  smscTimestamp: Date.now(),
  simSlot: 0,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on now, for the server that is down to take when it comes back. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Runs one case: `count` SMS arrive over `overMs` while the server fails as `failure` says, the server
 * recovers `failure.forMs` after the first SMS, and the bench waits (at most `deadlineMs`) for it to
 * have accepted every SMS.
 */
export async function recoveryTime(options: RecoveryOptions): Promise<Recovery> {
  const { failure, count } = options;
  const dice = createRandom(options.seed ?? 1);
  let recovered = false;
  const hook = webhook(() => !recovered && failure.kind === 'random-503' && dice.next() < failure.rate);
  const port = failure.kind === 'refused' ? await freePort() : await listen(hook.server);
  const db = openSqliteDb(join(options.dir, `${options.name}.sqlite`));
  const transport = createNodeHttpTransport();
  const engine = await createEngine({
    db,
    transport,
    config: { webhookUrl: `http://127.0.0.1:${port}/webhook`, deviceId: 'bench-recovery' },
    defer: setImmediate,
  });
  try {
    engine.start();
    const started = performance.now();
    const recovery = (async () => {
      await sleep(failure.forMs);
      if (failure.kind === 'refused') await listenOn(hook.server, port);
      recovered = true;
      return performance.now();
    })();
    // Awaited after the SMS are in; until then a port taken meanwhile must not be an unhandled rejection.
    recovery.catch(() => undefined);
    const stored: Promise<unknown>[] = [];
    while (stored.length < count) {
      const due = Math.min(count, Math.floor(((performance.now() - started) / options.overMs) * count) + 1);
      while (stored.length < due) stored.push(engine.enqueue(sms(stored.length)));
      await sleep(5);
    }
    await Promise.all(stored);
    const recoveredAt = await recovery;
    const acceptedAtRecovery = [...hook.firstAccepted.values()].filter((at) => at <= recoveredAt).length;
    const deadline = recoveredAt + options.deadlineMs;
    while (hook.firstAccepted.size < count && performance.now() < deadline) await sleep(20);
    const last = Math.max(recoveredAt, ...hook.firstAccepted.values());
    const engineDrained = await engine.drain(5_000);
    return {
      recoveryToEmptyMs: hook.firstAccepted.size < count ? Number.NaN : last - recoveredAt,
      acceptedAtRecovery,
      accepted: hook.firstAccepted.size,
      duplicates: hook.counts.duplicates,
      requests: hook.counts.requests,
      engineDrained,
    };
  } finally {
    await engine.stop();
    transport.close();
    await db.close();
    hook.server.closeAllConnections();
    await new Promise((resolve) => (hook.server.listening ? hook.server.close(resolve) : resolve(undefined)));
  }
}
