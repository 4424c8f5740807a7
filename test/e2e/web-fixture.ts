// What the `web` profile runs its specs against: Appium, a stub, a virtual device that has taken a
// burst, and a second device whose webhooks the stub rejects. Started once, in wdio's onPrepare.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ConsoleClient } from '../../src/device/console/index';
import { startAppium, type AppiumServer } from '../../src/device/appium/start-appium';
import { VirtualDevice } from '../../src/device/virtual/virtual-device';
import { ensureWebBuild } from '../../src/device/web/web-build';
import { startStub, type StubServer } from '../../src/stub/index';
import { e2eEnv } from './e2e-env';

export interface WebFixture {
  /** Environment for the spec workers (see e2e-env.ts). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fire(device: VirtualDevice, count: number): Promise<void> {
  const client = await ConsoleClient.connect({ port: device.consolePort });
  try {
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        client.sendSms(`+1555100${String(index).padStart(4, '0')}`, `e2e burst ${index}`),
      ),
    );
  } finally {
    await client.close();
  }
}

async function until(
  device: VirtualDevice,
  what: string,
  done: (engine: Awaited<ReturnType<VirtualDevice['health']>>['engine']) => boolean,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done((await device.health()).engine)) {
    if (Date.now() > deadline) throw new Error(`${device.label} never ${what} within 30 s`);
    await sleep(100);
  }
}

export async function startWebFixture(options: {
  readonly appiumPort: number;
  readonly burst: number;
  readonly log: (line: string) => void;
}): Promise<WebFixture> {
  const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-wdio-'));
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const item of started.reverse()) await item.stop().catch(() => undefined);
  };
  try {
    await ensureWebBuild(options.log);
    const appium: AppiumServer = await startAppium({ port: options.appiumPort });
    started.push(appium);
    const stub: StubServer = await startStub({ port: 0, ledgerPath: join(dir, 'ledger.sqlite') });
    started.push({ stop: () => stub.close() });
    const device = await VirtualDevice.start({
      webhookUrl: stub.url,
      secret: null,
      dbPath: join(dir, 'device.sqlite'),
      logPath: join(dir, 'device.log'),
    });
    started.push(device);
    // An unrouted path: the stub answers 404, which the engine files as http-rejected → failed.
    const rejecting = await VirtualDevice.start({
      webhookUrl: new URL('/rejects', stub.url).toString(),
      secret: null,
      dbPath: join(dir, 'rejecting.sqlite'),
      logPath: join(dir, 'rejecting.log'),
    });
    started.push(rejecting);

    options.log(`smsgw e2e: firing ${options.burst} SMS at ${device.label}; logs in ${dir}`);
    await Promise.all([fire(device, options.burst), fire(rejecting, 1)]);
    await until(
      device,
      `delivered ${options.burst}`,
      (engine) => engine.queueSize === 0 && engine.deliveredToday === options.burst,
    );
    await until(rejecting, 'failed its SMS', (engine) => engine.failed === 1);
    return {
      env: {
        [e2eEnv.deviceUrl]: device.healthUrl,
        [e2eEnv.consolePort]: String(device.consolePort),
        [e2eEnv.rejectingDeviceUrl]: rejecting.healthUrl,
        [e2eEnv.stubUrl]: new URL('/', stub.url).toString(),
        [e2eEnv.burst]: String(options.burst),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
