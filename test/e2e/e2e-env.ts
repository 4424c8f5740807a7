// What wdio.conf.ts's onPrepare started, handed to the spec workers through the environment
// (workers are forked after onPrepare, so they inherit it).
import { ConsoleClient } from '../../src/device/console/index';
import type { DeviceHealth } from '../../src/device/core/device';
import type { ScreenPlatform } from '../../src/device/appium/capabilities';
import type { StubStats } from '../../src/stub/index';

export const e2eEnv = {
  /** Base URL of the virtual device that took the burst: its screen at /, its truth at /health. */
  deviceUrl: 'SMSGW_E2E_DEVICE_URL',
  /** Its emulator console port, for more SMS. */
  consolePort: 'SMSGW_E2E_CONSOLE_PORT',
  /** A second device whose webhook the stub rejects (404): its last-error card is filled. */
  rejectingDeviceUrl: 'SMSGW_E2E_REJECTING_DEVICE_URL',
  /** The stub's origin, for GET /_smsgw/stats. */
  stubUrl: 'SMSGW_E2E_STUB_URL',
  /** SMS in the burst fired before the specs. */
  burst: 'SMSGW_E2E_BURST',
} as const;

export function required(name: keyof typeof e2eEnv): string {
  const value = process.env[e2eEnv[name]];
  if (!value)
    throw new Error(
      `${e2eEnv[name]} is not set: run the specs with \`npm run test:e2e:web\`, whose onPrepare starts the devices`,
    );
  return value;
}

export const platform: ScreenPlatform = process.env.SMSGW_WDIO_PROFILE === 'android' ? 'android' : 'web';

export async function deviceHealth(url = required('deviceUrl')): Promise<DeviceHealth> {
  return (await (await fetch(new URL('/health', url))).json()) as DeviceHealth;
}

export async function stubStats(): Promise<StubStats> {
  return (await (await fetch(new URL('/_smsgw/stats', required('stubUrl')))).json()) as StubStats;
}

/** Sends `count` SMS to the burst device and waits until it has delivered all of them. */
export async function sendMore(count: number): Promise<DeviceHealth> {
  const before = (await deviceHealth()).engine.deliveredToday;
  const client = await ConsoleClient.connect({ port: Number(required('consolePort')) });
  try {
    await Promise.all(
      Array.from({ length: count }, (_, index) => client.sendSms('+15550009999', `more ${Date.now()} ${index}`)),
    );
  } finally {
    await client.close();
  }
  const deadline = Date.now() + 15_000;
  for (;;) {
    const health = await deviceHealth();
    if (health.engine.deliveredToday >= before + count && health.engine.queueSize === 0) return health;
    if (Date.now() > deadline)
      throw new Error(`the device delivered ${health.engine.deliveredToday - before} of ${count} new SMS in 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
