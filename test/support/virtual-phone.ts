// A virtual phone for tests: the radio in this process, the app in its own (as `smsgw device` runs
// them), on a fresh folder. Nothing listens on the webhook by default, so stored SMS stay queued,
// where `/health`'s totalToday counts them.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../android-app/src/engine/ports';
import { parseDefect } from '../../src/device/virtual/defects';
import { appArgumentsFor, appEnvironmentFor, runRadio, type RunningRadio } from '../../src/device/virtual/radio';

export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface PhoneOptions {
  readonly defects?: readonly string[];
  readonly seed?: number;
  /** Default the discard port, where nothing listens. */
  readonly webhookUrl?: string;
  /** Default a new temporary folder. */
  readonly dir?: string;
  /** False: the app is denied READ_SMS (default granted). */
  readonly readSms?: boolean;
}

export interface TestPhone {
  readonly radio: RunningRadio;
  readonly dir: string;
  readonly dbPath: string;
  /** The engine's health, from the app's /health, once the app is running. */
  health(): Promise<{ totalToday: number; queueSize: number; delivered: number }>;
}

export async function startPhone(options: PhoneOptions = {}): Promise<TestPhone> {
  const dir = options.dir ?? mkdtempSync(join(os.tmpdir(), 'smsgw-phone-'));
  const dbPath = join(dir, 'device.sqlite');
  const settings = {
    webhookUrl: options.webhookUrl ?? 'http://127.0.0.1:9/webhook',
    dbPath,
    deviceId: 'virtual-test',
    seed: options.seed ?? 1,
    authTokenPath: join(dir, 'token'),
    defects: options.defects ?? [],
    readSms: options.readSms ?? true,
  };
  const radio = await runRadio({
    ...settings,
    consolePort: 0,
    healthPort: 0,
    authToken: null,
    avdName: 'smsgw_virtual',
    defects: settings.defects.map(parseDefect),
    logger: quietLogger,
    appArguments: appArgumentsFor(settings),
    // The app logs every failed send (nothing listens on the webhook): keep the test's output to errors.
    appEnvironment: { ...appEnvironmentFor(null), SMSGW_LOG_LEVEL: 'error' },
  });
  const health = async () => {
    // The app may be starting again (after a kill, or opened after a force stop): its /health comes back with it.
    await until(() => radio.app.state === 'running');
    const response = await fetch(`http://127.0.0.1:${radio.app.port}/health`);
    return ((await response.json()) as { engine: { totalToday: number; queueSize: number; delivered: number } }).engine;
  };
  return { radio, dir, dbPath, health };
}

/** Polls `done` every 50 ms until it holds (the test's own timeout bounds it). */
export async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}
