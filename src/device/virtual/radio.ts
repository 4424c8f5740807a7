// The virtual phone's radio process: the emulator console and the phone's SMS store. It answers OK once
// an SMS is committed to the store, whatever the app is doing, then broadcasts it to the app, starting
// the app's process when it is not running. `smsgw device` runs this; the app is its child.
import { spawn, type ChildProcess } from 'node:child_process';
import { packageFiles } from '../../package-files';
import type { Logger } from '../../../android-app/src/engine/ports';
import { splitIntoParts } from '../../sms/sms-parts';
import { Teardowns } from '../../teardowns';
import { startConsoleServer, type ConsoleServer } from '../console/index';
import { AppSupervisor } from './app-supervisor';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { Defect } from './defects';
import { RadioConditions, type DeviceConditions } from './device-conditions';
import type { AppControl, HarnessLink } from './device-messages';
import { plantDefects } from './planted-defects';
import type { ClockSpeed } from './scaled-clock';
import { openSmsStore, type SmsStore } from './sms-store';

/** The KO reason of a planted `refuse`, which the harness shows next to the refused SMS. */
export const refusedReason = 'refused (planted defect)';

export interface RadioConfig {
  readonly consolePort: number;
  /** The app's /health port; 0 lets the first app pick one, which every later start reuses. */
  readonly healthPort: number;
  /** The app's queue; the SMS store sits beside it (`<db>.sms-store.sqlite`). */
  readonly dbPath: string;
  readonly authToken: string | null;
  readonly authTokenPath: string;
  readonly consoleMaxConnections?: number;
  readonly consoleAuthTimeoutMs?: number;
  readonly avdName: string;
  readonly defects: readonly Defect[];
  readonly seed: number;
  readonly logger: Logger;
  /** The app's command line after `node`; the radio adds `--health-port`. */
  readonly appArguments: readonly string[];
  /** The app's environment (the webhook secret travels here, never in an argument list). */
  readonly appEnvironment: NodeJS.ProcessEnv;
  /** The harness that spawned this radio, when one did: it asks for chaos and hears of the app. */
  readonly harness?: HarnessLink;
}

export interface RunningRadio {
  readonly consolePort: number;
  readonly healthPort: number;
  readonly app: AppSupervisor;
  /** The phone's link (the console's `network` and `gsm data`) and Doze (the harness's), which the app lives under. */
  readonly conditions: RadioConditions;
  /** Closes the console (no new SMS), stops the app after its in-flight sends, closes the store. */
  stop(): Promise<void>;
}

export const smsStorePathFor = (dbPath: string): string => `${dbPath.replace(/\.sqlite$/, '')}.sms-store.sqlite`;

export const smsgwBin = packageFiles.bin;

export interface AppSettings {
  readonly webhookUrl: string;
  readonly dbPath: string;
  readonly deviceId: string;
  readonly seed: number;
  readonly authTokenPath: string;
  /** As the user wrote them (`drop:0.1%`): the app parses them again. */
  readonly defects: readonly string[];
  /** False: READ_SMS denied, the app cannot scan the SMS store. */
  readonly readSms: boolean;
  /** The app's clock: its speed, and the wall-clock moment it counts from (every app of the run the same). */
  readonly clock?: ClockSpeed;
  readonly verbose?: boolean;
}

/** The app's command line after `node`: its V8 flags, then `smsgw device-app` and its settings. */
export function appArgumentsFor(settings: AppSettings): string[] {
  return [
    ...defaults.nodeFlags,
    smsgwBin,
    'device-app',
    '--webhook',
    settings.webhookUrl,
    '--db',
    settings.dbPath,
    '--device-id',
    settings.deviceId,
    '--seed',
    String(settings.seed),
    '--auth-token-file',
    settings.authTokenPath,
    ...settings.defects.flatMap((defect) => ['--defect', defect]),
    ...(settings.readSms ? [] : ['--no-read-sms']),
    ...(settings.clock && settings.clock.speed !== 1
      ? ['--clock', `${settings.clock.speed}x`, '--clock-origin', String(settings.clock.originMs)]
      : []),
    ...(settings.verbose ? ['--verbose'] : []),
  ];
}

/** The app's environment: the secret travels here, never in an argument list that `ps` shows every user. */
export function appEnvironmentFor(secret: string | null): NodeJS.ProcessEnv {
  return { ...process.env, SMSGW_WEBHOOK_SECRET: secret ?? '' };
}

/**
 * What the console does with each SMS: planted `refuse` and `hang` strike here, then the SMS is
 * committed to the store, and only then does the console answer OK; the broadcast follows.
 */
function intake(config: RadioConfig, store: SmsStore, app: AppSupervisor) {
  const planted = plantDefects(config.defects, config.seed);
  return async (sender: string, text: string): Promise<void> => {
    if (planted.refuses(sender, text)) throw new Error(refusedReason);
    // Never settles: the console keeps this line, and every later one of its connection, unanswered.
    // A pending promise holds no handle, so it keeps neither the process alive nor stop() waiting.
    if (planted.hits('hang')) return new Promise<never>(() => undefined);
    const stored = await store.put({
      sender,
      body: text,
      parts: splitIntoParts(text).length,
      // An SMSC stamps whole seconds: identical SMS in one second look alike to everyone but the store.
      smscTimestamp: Math.floor(Date.now() / 1000) * 1000,
      simSlot: 0,
    });
    app.broadcast(stored);
  };
}

function spawnAppWith(config: RadioConfig): (healthPort: number, conditions: DeviceConditions) => ChildProcess {
  return (healthPort, conditions) =>
    spawn(
      process.execPath,
      [...config.appArguments, '--health-port', String(healthPort), '--conditions', JSON.stringify(conditions)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: config.appEnvironment },
    );
}

/** The harness's chaos requests: kill or force-stop the app, open it again, Doze on or off. */
function listenToHarness(harness: HarnessLink, app: AppSupervisor, conditions: RadioConditions, logger: Logger): void {
  const act = async (control: AppControl): Promise<void> => {
    if (control.action === 'doze') return conditions.setDozing(control.dozing);
    if (control.action === 'kill-app') return app.kill(control.restartAfterMs);
    if (control.action === 'force-stop') return app.forceStop();
    return app.start();
  };
  harness.onMessage((message) => {
    if (message.type !== 'control') return;
    act(message)
      .then(() => harness.send({ type: 'done', requestId: message.requestId }))
      .catch((error: unknown) => {
        logger.error(`${message.action} failed: ${String(error)}`);
        harness.send({ type: 'done', requestId: message.requestId, error: String(error) });
      });
  });
}

function openConsoleServer(
  config: RadioConfig,
  store: SmsStore,
  app: AppSupervisor,
  conditions: RadioConditions,
): Promise<ConsoleServer> {
  return startConsoleServer({
    port: config.consolePort,
    authToken: config.authToken,
    authTokenPath: config.authTokenPath,
    maxConnections: config.consoleMaxConnections,
    authTimeoutMs: config.consoleAuthTimeoutMs,
    avdName: config.avdName,
    onSms: intake(config, store, app),
    link: conditions.link,
  });
}

/** Boots the phone: the SMS store, the app (as at BOOT_COMPLETED), then the console. */
export async function runRadio(config: RadioConfig): Promise<RunningRadio> {
  const teardowns = new Teardowns();
  try {
    const store = openSmsStore(smsStorePathFor(config.dbPath));
    teardowns.defer('SMS store', () => store.close());
    // The phone boots with the emulator's default link and awake, as a cold-booted emulator does.
    const conditions = new RadioConditions();
    const app = new AppSupervisor({
      spawnApp: spawnAppWith(config),
      conditions: () => conditions.current,
      store,
      healthPort: config.healthPort,
      logger: config.logger,
      report: (message) => config.harness?.send(message),
    });
    teardowns.defer('app', () => app.stop());
    conditions.onChange(() => app.conditionsChanged());
    await withTimeout(app.start(), defaults.appReadyTimeoutMs, 'the app did not become ready');
    if (config.harness) listenToHarness(config.harness, app, conditions, config.logger);
    const server = await openConsoleServer(config, store, app, conditions);
    teardowns.defer('console', () => server.close());
    return { consolePort: server.port, healthPort: app.port, app, conditions, stop: () => teardowns.runAll() };
  } catch (error) {
    await teardowns.runAll();
    throw error;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
