// A webhook server that echoes its request answers with the SMS itself. Through a whole virtual
// device, that answer reaches neither GET /health (which the Health screen and the dashboard show)
// nor the device's log: both name the status, its class and what the device does about it.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ConsoleClient } from '../src/device/console/index';
import type { DeviceHealth } from '../src/device/core/device';
import { VirtualDevice } from '../src/device/virtual/virtual-device';
import { tempDir, wholeProgramTimeoutMs } from './support/run-cli';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Answers every POST with 400 and the very body it was sent, as a naive validation error does. */
async function startEchoServer(): Promise<string> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () =>
      response.writeHead(400, { 'content-type': 'application/json' }).end(`{"error":"invalid","request":${body}}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

it(
  "shows the status of an echoing server's refusal in /health and the device log, never the SMS it echoed",
  async () => {
    const dir = tempDir('smsgw-echo-');
    const logPath = join(dir, 'device.log');
    const device = await VirtualDevice.start({
      webhookUrl: await startEchoServer(),
      secret: null,
      dbPath: join(dir, 'device.sqlite'),
      logPath,
    });
    cleanups.push(() => device.stop());
    const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
    await client.sendSms('+15557778888', 'my secret PIN is 4321');
    await client.close();

    let health: DeviceHealth;
    for (;;) {
      health = await device.health();
      if (health.engine.failed === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const served = await (await fetch(`${device.healthUrl}/health`)).text();
    expect(health.engine.lastError).toMatchObject({
      category: 'http-rejected',
      message: 'HTTP 400 Bad Request (client error): the webhook refused this message, not retried',
    });
    expect(served).not.toMatch(/PIN|is 4321|5557778888/);
    await device.stop();
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('HTTP 400 Bad Request (client error)');
    expect(log).not.toMatch(/PIN|is 4321|5557778888/);
  },
  wholeProgramTimeoutMs,
);
