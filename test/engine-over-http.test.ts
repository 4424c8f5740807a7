// The engine on the virtual device's own adapters (better-sqlite3, got) against a real node:http webhook.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../android-app/src/engine';
import { testSms } from '../android-app/test/support/test-engine';
import { createGotTransport } from '../src/device/virtual/got-transport';
import { openSqliteDb } from '../android-app/node/sqlite-db';

const secret = 'e2e-secret';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A webhook that checks every signature the way the stub does, and fails each message's first try. */
async function startWebhook() {
  const ledger = {
    attempts: new Map<string, number>(),
    badSignatures: 0,
    bodies: new Map<string, { from: string; seq: number }>(),
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const expected = `sha256=${createHmac('sha256', secret)
        .update(`${String(request.headers['x-timestamp'])}.${body}`)
        .digest('hex')}`;
      const given = String(request.headers['x-signature'] ?? '');
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
        ledger.badSignatures++;
        response.writeHead(401).end();
        return;
      }
      const key = String(request.headers['idempotency-key']);
      const attempt = (ledger.attempts.get(key) ?? 0) + 1;
      ledger.attempts.set(key, attempt);
      if (attempt === 1) {
        response.writeHead(503, { 'Retry-After': '0' }).end('warming up');
        return;
      }
      ledger.bodies.set(key, JSON.parse(body) as { from: string; seq: number });
      response.writeHead(200).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, ledger };
}

describe('engine over real HTTP', () => {
  it('delivers 60 SMS through got to a node:http webhook that verifies every signature', async () => {
    const webhook = await startWebhook();
    const db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-e2e-')), 'gateway.sqlite'));
    const transport = createGotTransport();
    const engine = await createEngine({
      db,
      transport,
      // Every message fails once by design here, so the breaker (which would rightly trip) is kept out of it.
      config: {
        webhookUrl: webhook.url,
        deviceId: 'e2e',
        secret,
        retryBaseMs: { 'http-transient': 20 },
        minRetryDelayMs: 0,
        breakerThreshold: 1_000,
      },
    });
    cleanups.push(
      () => db.close(),
      () => transport.close(),
      () => engine.stop(),
    );
    engine.start();
    const enqueued = await Promise.all(Array.from({ length: 60 }, () => engine.enqueue(testSms())));

    expect(await engine.drain(20_000)).toBe(true);
    expect(webhook.ledger.badSignatures).toBe(0);
    expect(webhook.ledger.bodies.size).toBe(60);
    expect([...webhook.ledger.attempts.values()].every((attempts) => attempts === 2)).toBe(true);
    expect(new Set(enqueued.map((r) => r.messageId))).toEqual(new Set(webhook.ledger.bodies.keys()));
    const health = await engine.health();
    expect(health).toMatchObject({
      status: 'healthy',
      delivered: 60,
      queueSize: 0,
      successRate24h: 1,
      breaker: 'closed',
    });
    expect(health.latencyP95Ms).not.toBeNull();
  });
});
