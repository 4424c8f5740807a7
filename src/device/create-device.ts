// The one place a scenario's `device:` becomes a Device: virtual (a child process here), emulator
// (a running one adb sees, prepared for this run's stub), remote (an Appium grid). It also says how
// to open the device's console, since an emulator may need the `adb emu` fallback.
import { join } from 'node:path';
import os from 'node:os';
import { SmsgwError } from '../errors';
import type { Device } from './core/device';
import type { HealthScraper } from './core/health-scraper';
import { ConsoleClient } from './console/console-client';
import { openConsoleLink } from './emulator/open-console-link';
import type { ConsoleLink } from './console/console-link';
import { checkConsolePort, systemRunner } from './emulator/adb';
import { AppProcess } from './emulator/app-process';
import { emulatorDefaults } from './emulator/defaults';
import { EmulatorDevice } from './emulator/emulator-device';
import { findEmulatorPower } from './emulator/emulator-power';
import type { AdbKit } from './emulator/adb-kit';
import { adbKitOf, prepareApp, requireSdk, type EmulatorEnvironment } from './emulator/emulator-control';
import { RemoteDevice } from './remote/remote-device';
import { VirtualDevice } from './virtual/virtual-device';

export interface DeviceContext {
  /** The run's stub: its webhook URL, and its port for `adb reverse`. */
  readonly stub: { readonly url: string; readonly port: number };
  readonly secret: string | null;
  /** The run's folder: the virtual device keeps its database and log there. */
  readonly dir: string;
  /**
   * Its number in a fleet (`devices:`), from 1: its files are `device-<n>.sqlite` and `device-<n>.log`
   * (`emulator-<n>.log`), so no two devices share one. Absent for a run of one device (`device.sqlite`).
   */
  readonly member?: number;
  /** Planted defects: the virtual device only. */
  readonly defects?: readonly string[];
  /** How many times the wall clock the device's clock runs (`device: { clock: 100x }`): the virtual device only. */
  readonly clockSpeed?: number;
  /** False: the virtual app is denied READ_SMS (`device: { read-sms: denied }`). */
  readonly readSms?: boolean;
  readonly seed?: number;
  /** `--appium <url>`: required for remote, used instead of a local Appium for an emulator. */
  readonly appiumUrl?: string;
  /** Told once when the console falls back to adb. */
  readonly log?: (line: string) => void;
  /** adb, SDK lookup, sleeps: the system's by default, scripted in tests. */
  readonly environment?: EmulatorEnvironment;
  /** Default: an Appium UiAutomator2 session, loaded only when asked (the run stage imports no webdriverio). */
  readonly scraperFor?: (target: { readonly udid?: string; readonly appiumUrl?: string }) => Promise<HealthScraper>;
  readonly connectConsole?: (port: number) => Promise<ConsoleLink>;
}

export interface CreatedDevice {
  readonly device: Device;
  readonly openConsole: (port: number) => Promise<ConsoleLink>;
}

const systemEnvironment = (): EmulatorEnvironment => ({ runner: systemRunner, env: process.env, home: os.homedir() });

const appiumScraper = async (target: { readonly udid?: string; readonly appiumUrl?: string }): Promise<HealthScraper> =>
  (await import('./appium/android-health-scraper')).androidHealthScraper(target);

const tcpConsole = (port: number): Promise<ConsoleLink> => ConsoleClient.connect({ port });

/** `virtual | emulator | emulator-<port> | remote` → a started Device; environment errors exit 3, bad options 2. */
export async function createDevice(spec: string, context: DeviceContext): Promise<CreatedDevice> {
  if (spec !== 'virtual' && (context.defects?.length ?? 0) > 0) {
    throw new SmsgwError(
      'bad-option',
      `\`--defect\` plants defects in the virtual device only; the scenario asks for device "${spec}"`,
      { hint: 'drop --defect, or set `device: virtual`' },
    );
  }
  if (spec !== 'virtual' && (context.clockSpeed ?? 1) !== 1) {
    throw new SmsgwError(
      'bad-scenario',
      `\`clock\` speeds up the virtual device only; the scenario asks for device "${spec}", whose clock runs in real time`,
      { hint: 'drop `clock`, or set `device: { kind: virtual, clock: … }`' },
    );
  }
  if (spec === 'virtual') return createVirtual(context);
  if (spec === 'remote') return createRemote(context);
  if (spec === 'emulator' || /^emulator-\d+$/.test(spec)) return createEmulator(spec, context);
  throw new SmsgwError('bad-scenario', `Unknown device "${spec}"`, {
    hint: 'use virtual, emulator, emulator-<port> or remote',
  });
}

/** `device`, or `device-2` for the second device of a fleet. */
const fileStem = (name: string, { member }: DeviceContext): string =>
  member === undefined ? name : `${name}-${member}`;

async function createVirtual(context: DeviceContext): Promise<CreatedDevice> {
  const device = await VirtualDevice.start({
    webhookUrl: context.stub.url,
    secret: context.secret,
    dbPath: join(context.dir, `${fileStem('device', context)}.sqlite`),
    logPath: join(context.dir, `${fileStem('device', context)}.log`),
    defects: context.defects ?? [],
    ...(context.seed === undefined ? {} : { seed: context.seed }),
    ...((context.clockSpeed ?? 1) === 1 ? {} : { clock: { speed: context.clockSpeed! } }),
    ...(context.readSms === false ? { readSms: false } : {}),
  });
  return { device, openConsole: context.connectConsole ?? tcpConsole };
}

/** adb from the Android SDK; without the SDK, says which device needed it. */
function requireAdb(spec: string, environment: EmulatorEnvironment): string {
  try {
    return requireSdk(environment).adb;
  } catch (error) {
    if (!(error instanceof SmsgwError)) throw error;
    throw new SmsgwError(error.code, `Device "${spec}" needs the Android SDK. ${error.message}`, {
      ...(error.hint ? { hint: error.hint } : {}),
      cause: error,
    });
  }
}

/** The serial of the running emulator `spec` names (`emulator`: the first one adb sees). */
async function findRunningEmulator(spec: string, kit: AdbKit): Promise<string> {
  const running = (await kit.devices()).filter(
    (device) => device.state === 'device' && device.serial.startsWith('emulator-'),
  );
  const serial = spec === 'emulator' ? running[0]?.serial : running.find((device) => device.serial === spec)?.serial;
  if (serial) return serial;
  const seen = running.map((device) => device.serial).join(', ') || 'none';
  throw new SmsgwError(
    'environment',
    `No running emulator${spec === 'emulator' ? '' : ` ${spec}`} (adb sees: ${seen})`,
    {
      hint: `boot one first: smsgw emulator boot${spec === 'emulator' ? '' : ` --port ${spec.slice('emulator-'.length)}`} --apk <path to the APK>`,
    },
  );
}

async function requireInstalledApp(environment: EmulatorEnvironment, kit: AdbKit, serial: string): Promise<void> {
  const app = new AppProcess(kit.device(serial), environment.sleep);
  if (await app.installed()) return;
  throw new SmsgwError('environment', `${emulatorDefaults.applicationId} is not installed on ${serial}`, {
    hint: `smsgw emulator boot --apk <path to the APK> installs it (or: adb -s ${serial} install -r -g <apk>)`,
  });
}

/** The console over TCP, or `adb emu` when its port refuses. */
function emulatorConsole(context: DeviceContext, kit: AdbKit, serial: string) {
  return (port: number): Promise<ConsoleLink> =>
    openConsoleLink({
      device: kit.device(serial),
      port,
      ...(context.log ? { log: context.log } : {}),
      ...(context.connectConsole ? { connect: (options) => context.connectConsole!(options.port) } : {}),
    });
}

async function createEmulator(spec: string, context: DeviceContext): Promise<CreatedDevice> {
  if (spec !== 'emulator') checkConsolePort(Number(spec.slice('emulator-'.length)));
  const environment = context.environment ?? systemEnvironment();
  const kit = await adbKitOf(environment, requireAdb(spec, environment));
  const serial = await findRunningEmulator(spec, kit);
  await requireInstalledApp(environment, kit, serial);
  const power = await findEmulatorPower(environment, kit, serial, {
    logPath: join(context.dir, `${fileStem('emulator', context)}.log`),
    reversePort: context.stub.port,
  });
  // The device reaches the stub as its own 127.0.0.1:<port>, through adb's tunnel.
  await prepareApp(environment, kit, {
    serial,
    reversePort: context.stub.port,
    webhookUrl: context.stub.url,
    secret: context.secret,
  });
  const scraper = await (context.scraperFor ?? appiumScraper)({
    udid: serial,
    ...(context.appiumUrl ? { appiumUrl: context.appiumUrl } : {}),
  });
  const device = new EmulatorDevice({
    serial,
    kit,
    runner: environment.runner,
    scraper,
    ...(environment.sleep ? { sleep: environment.sleep } : {}),
    ...(power ? { power } : {}),
  });
  return { device, openConsole: emulatorConsole(context, kit, serial) };
}

async function createRemote(context: DeviceContext): Promise<CreatedDevice> {
  if (!context.appiumUrl) {
    throw new SmsgwError('environment', 'Device "remote" needs an Appium server or grid to reach the phone', {
      hint: 'pass --appium <url>, e.g. --appium http://grid.example:4723/',
    });
  }
  const connect = context.connectConsole ?? tcpConsole;
  const port = emulatorDefaults.consolePort;
  // A phone has no console: without one reachable here nothing can inject SMS, so say so before the load.
  const probe = await connect(port).catch((error: unknown) => {
    throw new SmsgwError(
      'environment',
      `Device "remote" cannot receive injected SMS: no emulator console reachable on 127.0.0.1:${port}`,
      {
        hint: 'a real phone takes SMS only from the network; for a grid emulator, forward its console port here (ssh -L 5554:127.0.0.1:5554 …)',
        cause: error,
      },
    );
  });
  await probe.close();
  const scraper = await (context.scraperFor ?? appiumScraper)({ appiumUrl: context.appiumUrl });
  return {
    device: new RemoteDevice({ appiumUrl: context.appiumUrl, consolePort: port, scraper }),
    openConsole: connect,
  };
}
