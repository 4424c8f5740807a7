// The virtual device measured from outside, as the harness sees it: console ingest through pipelined
// `sms send` (each OK only after the commit), and its memory with a large queue it cannot deliver.
import { join } from 'node:path';
import { ConsoleClient } from '../device/console/index';
import { VirtualDevice } from '../device/virtual/virtual-device';
import { bareHttpServer, listen } from './machine-limits';

export async function withDevice<T>(
  dir: string,
  name: string,
  webhookUrl: string,
  work: (device: VirtualDevice, client: ConsoleClient) => Promise<T>,
  secret: string | null = null,
): Promise<T> {
  const device = await VirtualDevice.start({
    webhookUrl,
    secret,
    dbPath: join(dir, `${name}.sqlite`),
    logPath: join(dir, `${name}.log`),
  });
  // No authToken: the client reads the token file the device uses, as adb does.
  const client = await ConsoleClient.connect({ port: device.consolePort });
  try {
    return await work(device, client);
  } finally {
    client.destroy();
    await device.stop();
  }
}

/** Sends `count` SMS with up to `window` outstanding; returns acknowledged SMS per second. */
export async function pipelined(
  client: ConsoleClient,
  count: number,
  window: number,
  deadlineMs: number,
): Promise<{ acked: number; seconds: number }> {
  const started = performance.now();
  let next = 0;
  let acked = 0;
  const worker = async (): Promise<void> => {
    while (next < count && performance.now() - started < deadlineMs) {
      const n = next++;
      await client.sendSms(`+1555${String(n % 1000).padStart(7, '0')}`, `Your code is ${n}`);
      acked += 1;
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return { acked, seconds: (performance.now() - started) / 1000 };
}

/** Pipelined console ingest of the virtual device, SMS/s, delivering to a bare server meanwhile. */
export async function consoleIngestRate(dir: string, count: number, deadlineMs: number): Promise<number> {
  const server = bareHttpServer();
  const port = await listen(server);
  try {
    return await withDevice(dir, 'console-ingest', `http://127.0.0.1:${port}/webhook`, async (_device, client) => {
      const { acked, seconds } = await pipelined(client, count, 256, deadlineMs);
      return acked / seconds;
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** Device RSS, bytes, after `count` SMS were queued against a server that refuses every connection. */
export async function queuedMemoryBytes(
  dir: string,
  count: number,
  deadlineMs: number,
): Promise<{ rssBytes: number | null; queued: number }> {
  // Port 9 (discard) is closed here: every send fails fast with ECONNREFUSED and the queue only grows.
  return withDevice(dir, 'queued-memory', 'http://127.0.0.1:9/webhook', async (device, client) => {
    const { acked } = await pipelined(client, count, 256, deadlineMs);
    const health = await device.health();
    return { rssBytes: health.rssBytes, queued: acked };
  });
}
