// A stub and a virtual device that has just forwarded a burst: the starting point of every test of
// the Health screen. `close()` stops both, whatever state they are in.
import { join } from 'node:path';
import { ConsoleClient } from '../../src/device/console/index';
import type { DeviceHealth } from '../../src/device/core/device';
import { VirtualDevice } from '../../src/device/virtual/virtual-device';
import { startStub, type StubServer } from '../../src/stub/index';
import { tempDir } from './run-cli';

export interface BurstedDevice {
  readonly stub: StubServer;
  readonly device: VirtualDevice;
  /** Sends `count` more SMS through the device's console. */
  burst(count: number): Promise<void>;
  /** Polls /health until `done` holds; throws after `timeoutMs`. */
  waitForHealth(done: (health: DeviceHealth) => boolean, timeoutMs?: number): Promise<DeviceHealth>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startBurstedDevice(options: {
  readonly count: number;
  readonly defects?: readonly string[];
}): Promise<BurstedDevice> {
  const dir = tempDir('smsgw-screen-');
  const stub = await startStub({ port: 0, ledgerPath: join(dir, 'ledger.sqlite') });
  const started = await VirtualDevice.start({
    webhookUrl: stub.url,
    secret: null,
    dbPath: join(dir, 'device.sqlite'),
    logPath: join(dir, 'device.log'),
    defects: options.defects ?? [],
  }).catch(async (error: unknown) => {
    await stub.close();
    throw error;
  });
  let sent = 0;
  const bursted: BurstedDevice = {
    stub,
    device: started,
    async burst(count) {
      const client = await ConsoleClient.connect({ port: started.consolePort });
      try {
        await Promise.all(
          Array.from({ length: count }, (_, index) =>
            client.sendSms(`+1555000${String(sent + index).padStart(4, '0')}`, `burst message ${sent + index}`),
          ),
        );
        sent += count;
      } finally {
        await client.close();
      }
    },
    async waitForHealth(done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const health = await started.health();
        if (done(health)) return health;
        if (Date.now() > deadline)
          throw new Error(`the device never reached the expected health: ${JSON.stringify(health.engine)}`);
        await sleep(100);
      }
    },
    async close() {
      await started.stop().catch(() => started.kill());
      await stub.close();
    },
  };
  try {
    await bursted.burst(options.count);
  } catch (error) {
    await bursted.close();
    throw error;
  }
  return bursted;
}
