// The `disk: full` and `db: locked` chaos steps against a real device process and its real SQLite
// file: what the console answers while they last, and that nothing acknowledged is lost after.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleClient, ConsoleReplyError } from '../src/device/console/index';
import type { DeviceHealth } from '../src/device/core/device';
import { VirtualDevice } from '../src/device/virtual/virtual-device';
import { lockDatabase } from '../src/chaos/db-lock';
import { startStub, type StubServer } from '../src/stub/index';
import { tempDir } from './support/run-cli';

let stub: StubServer | null = null;
let device: VirtualDevice | null = null;
let client: ConsoleClient | null = null;
afterEach(async () => {
  await client?.close();
  client = null;
  await device?.stop().catch(() => device?.kill());
  device = null;
  await stub?.close();
  stub = null;
});

/** A stub, a virtual device forwarding to it, and a console line (auth as `smsgw run` does it). */
async function startDevice(): Promise<{ device: VirtualDevice; stub: StubServer; client: ConsoleClient; dir: string }> {
  const dir = tempDir('smsgw-chaos-');
  stub = await startStub({ port: 0, ledgerPath: join(dir, 'ledger.sqlite') });
  device = await VirtualDevice.start({
    webhookUrl: stub.url,
    secret: null,
    dbPath: join(dir, 'device.sqlite'),
    logPath: join(dir, 'device.log'),
  });
  client = await ConsoleClient.connect({ port: device.consolePort });
  return { device, stub, client, dir };
}

async function waitForHealth(
  target: VirtualDevice,
  done: (health: DeviceHealth) => boolean,
  timeoutMs: number,
): Promise<DeviceHealth> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await target.health();
    if (done(health)) return health;
    if (Date.now() > deadline)
      throw new Error(`the device never reached the expected health: ${JSON.stringify(health.engine)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The answer to one `sms send`: `OK`, or the KO reason. */
async function send(line: ConsoleClient, index: number): Promise<string> {
  try {
    await line.sendSms(`+1555777${String(index).padStart(4, '0')}`, `chaos message ${index}`);
    return 'OK';
  } catch (error) {
    if (error instanceof ConsoleReplyError) return `KO: ${error.reason}`;
    throw error;
  }
}

describe('disk: full on a virtual device', () => {
  it("keeps answering OK while the app's database is full, since the SMS store has room, and delivers every SMS once freed", async () => {
    const { device, stub, client } = await startDevice();
    await device.setDiskFull(true);
    // The radio commits each SMS to the phone's SMS store; the app's inbox takes it; only the queue is full.
    const during: string[] = [];
    for (let index = 0; index < 40; index++) during.push(await send(client, index));
    expect(during.every((answer) => answer === 'OK')).toBe(true);
    await device.setDiskFull(false);
    const after = [await send(client, 100), await send(client, 101), await send(client, 102)];
    expect(after).toEqual(['OK', 'OK', 'OK']);
    const acknowledged = during.length + after.length;
    const health = await waitForHealth(
      device,
      (h) => h.engine.queueSize === 0 && h.engine.deliveredToday === acknowledged,
      90_000,
    );
    expect(health.engine.deliveredToday).toBe(acknowledged);
    expect(stub.stats().accepted).toBe(acknowledged);
  });
});

describe('db: locked by another process', () => {
  it('keeps the device alive past its busy timeout, then stores and delivers what it acknowledged', async () => {
    const { device, stub, client, dir } = await startDevice();
    expect(await send(client, 100)).toBe('OK');
    // Longer than the device's busy_timeout (5 s): its writes meet SQLITE_BUSY at least once.
    const lock = await lockDatabase(device.databasePath);
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        lock.release();
        resolve();
      }, 6_000),
    );
    const during = await Promise.all([send(client, 0), send(client, 1), send(client, 2)]);
    await released;
    // OK (stored after the engine's own retries) or KO (owed nothing): never an unanswered line.
    for (const answer of during) expect(answer).toMatch(/^(OK|KO: .*(locked|busy).*)$/i);
    expect(await send(client, 3)).toBe('OK');
    const acknowledged = 1 + during.filter((answer) => answer === 'OK').length + 1;
    const health = await waitForHealth(
      device,
      (h) => h.engine.queueSize === 0 && h.engine.deliveredToday === acknowledged,
      90_000,
    );
    expect(stub.stats().accepted).toBe(health.engine.deliveredToday);
    expect(readFileSync(join(dir, 'device.log'), 'utf8')).toMatch(/database is locked|SQLITE_BUSY/);
  });
});
