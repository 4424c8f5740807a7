// A webhook server that echoes its request answers with the SMS itself. Whatever it answers, the
// engine's errors name the status in the engine's own words, and nothing of the answer reaches
// health, the error log, the stored messages or the log lines.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Logger } from '../android-app/src/engine';
import { waitFor } from '../android-app/test/support/wait-for';
import { createGotTransport } from '../src/device/virtual/got-transport';
import { createNodeHttpTransport } from '../src/device/virtual/node-http-transport';
import { openSqliteDb } from '../android-app/node/sqlite-db';

const sender = '+15557778888';
const text = 'my secret PIN is 4321';
// "is 4321", not "4321": message ids are random hex and may hold any four digits.
const leaks = /PIN|is 4321|5557778888/;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A webhook that answers every POST with `status` and the request body it was sent. */
async function startEchoServer(status: number): Promise<string> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
}

/** Every line the engine logs, with its fields, as text. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: record, info: record, warn: record, error: record };
}

const transports = { 'node:http': createNodeHttpTransport, got: createGotTransport };

describe.each(Object.entries(transports))('an echoing webhook, over the %s transport', (_name, createTransport) => {
  it.each([
    [400, 'HTTP 400 Bad Request (client error): the webhook refused this message, not retried'],
    [503, 'HTTP 503 Service Unavailable (server error), will retry'],
    [401, 'Webhook rejected our credentials (check the secret): HTTP 401 Unauthorized (client error)'],
  ])(
    'answering %i with the SMS leaves only the status in health, the error log, the message and the log',
    async (status, expected) => {
      const url = await startEchoServer(status);
      const db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-echo-')), 'gateway.sqlite'));
      const transport = createTransport();
      const logger = recordingLogger();
      const engine = await createEngine({
        db,
        transport,
        logger,
        config: { webhookUrl: url, deviceId: 'echo', secret: null },
      });
      cleanups.push(
        () => db.close(),
        () => transport.close(),
        () => engine.stop(),
      );
      engine.start();
      await engine.enqueue({
        sender,
        parts: [{ body: text, index: 1, total: 1 }],
        smscTimestamp: Date.now(),
        simSlot: 0,
      });

      await waitFor(async () => (await engine.listErrors()).length > 0, 'the first error', 20_000);
      const health = await engine.health();
      const [logged] = await engine.listErrors();
      const [message] = await engine.listMessages();
      expect(health.lastError?.message).toBe(expected);
      expect(logged).toMatchObject({ message: expected, httpStatus: status });
      expect(message?.lastError).toBe(expected);
      const shown = [JSON.stringify(health), JSON.stringify(logged), message?.lastError, ...logger.lines];
      for (const line of shown) expect(line).not.toMatch(leaks);
    },
  );
});
