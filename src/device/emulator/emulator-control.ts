// Booting, preparing and stopping an Android emulator: the SDK's `emulator` binary boots it, adb
// (through appium-adb, see adb-kit) waits for it, installs and configures the app.
import { existsSync } from 'node:fs';
import { SmsgwError } from '../../errors';
import { findAndroidSdk, parseAvdList, sdkTools, type SdkTools } from './android-sdk';
import {
  bootArguments,
  configureArguments,
  configureReceiver,
  parseBroadcastResult,
  withoutSecret,
  type CommandRunner,
} from './adb';
import { loadAdbKit, type AdbKit, type DeviceAdb } from './adb-kit';
import { emulatorDefaults as defaults } from './defaults';

export interface EmulatorEnvironment {
  /** Runs the SDK's `emulator` binary: its AVD list, and a boot detached from this process. */
  readonly runner: CommandRunner;
  /** adb on the SDK's binary; default appium-adb (loadAdbKit), scripted in tests. */
  readonly adbKit?: (adbPath: string) => Promise<AdbKit>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly exists?: (path: string) => boolean;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The environment's adb on `adbPath`; exit 3 with the install command when appium-adb is missing. */
export function adbKitOf(environment: EmulatorEnvironment, adbPath: string): Promise<AdbKit> {
  return environment.adbKit ? environment.adbKit(adbPath) : loadAdbKit(adbPath, environment.env);
}

/** The SDK's tools, or a clear environment error naming the fix. */
export function requireSdk(environment: EmulatorEnvironment): SdkTools {
  const exists = environment.exists ?? existsSync;
  const sdk = findAndroidSdk(environment.env, environment.home, exists);
  if (!sdk) {
    throw new SmsgwError(
      'environment',
      'No Android SDK found: ANDROID_HOME and ANDROID_SDK_ROOT are unset and ~/Android/Sdk does not exist',
      {
        hint: 'install the Android command-line tools and set ANDROID_HOME; `smsgw doctor` lists every step',
      },
    );
  }
  const tools = sdkTools(sdk);
  if (!exists(tools.emulator))
    throw new SmsgwError('environment', `The Android emulator is not installed in ${sdk.root}`, {
      hint: `${tools.sdkmanager} "emulator"`,
    });
  return tools;
}

export async function listAvds(environment: EmulatorEnvironment, tools: SdkTools): Promise<string[]> {
  return parseAvdList((await environment.runner.run(tools.emulator, ['-list-avds'])).stdout);
}

export interface BootOptions {
  readonly avd?: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly logPath: string;
  readonly onProgress?: (line: string) => void;
}

/** Boots an AVD headless and waits until it has booted; returns its serial. */
export async function bootEmulator(environment: EmulatorEnvironment, options: BootOptions): Promise<string> {
  const tools = requireSdk(environment);
  const avds = await listAvds(environment, tools);
  const avd = options.avd ?? avds[0];
  if (!avd || !avds.includes(avd)) {
    throw new SmsgwError(
      'environment',
      avd ? `No AVD named "${avd}" (have: ${avds.join(', ') || 'none'})` : 'No AVD to boot',
      {
        hint: `${tools.avdmanager} create avd -n smsgw -k "system-images;android-35;google_apis;x86_64"`,
      },
    );
  }
  const kit = await adbKitOf(environment, tools.adb);
  return coldBoot(environment.runner, kit, { ...options, avd, emulator: tools.emulator });
}

export interface ColdBootOptions extends BootOptions {
  readonly avd: string;
  /** The SDK's `emulator` binary. */
  readonly emulator: string;
}

/**
 * Starts a known AVD headless without snapshots, so it boots cold, and waits until it has booted;
 * returns its serial. Both `smsgw emulator boot` and a power loss's restart boot through here.
 */
export async function coldBoot(runner: CommandRunner, kit: AdbKit, options: ColdBootOptions): Promise<string> {
  const { avd, onProgress } = options;
  const serial = `emulator-${options.port}`;
  await runner.spawnDetached(options.emulator, bootArguments(avd, options.port), options.logPath);
  const startedAt = Date.now();
  const progress = onProgress
    ? setInterval(
        () => onProgress(`waiting for ${avd} (${serial}) to boot… ${Math.round((Date.now() - startedAt) / 1000)}s`),
        defaults.bootProgressMs,
      )
    : undefined;
  const booted = await kit
    .device(serial)
    .waitForBoot(options.timeoutMs)
    .finally(() => clearInterval(progress));
  if (booted) return serial;
  throw new SmsgwError('environment', `${avd} did not finish booting within ${Math.round(options.timeoutMs / 1000)}s`, {
    hint: `see ${options.logPath}; without KVM a cold boot can take many minutes (raise --timeout)`,
  });
}

export interface PrepareOptions {
  readonly serial: string;
  readonly apk?: string;
  /** Port of the stub on this machine, made reachable from the device as 127.0.0.1:<port>. */
  readonly reversePort?: number;
  readonly webhookUrl?: string;
  readonly secret?: string | null;
}

/**
 * A failed step is `device-unavailable`, its hint the adb command (`args`) to retry by hand, without
 * the webhook secret (it is on the configure command's line).
 */
function stepFailed(serial: string, what: string, reason: string, args: readonly string[]): SmsgwError {
  return new SmsgwError('device-unavailable', `${what} failed on ${serial}: ${reason}`, {
    hint: `run: adb ${withoutSecret(['-s', serial, ...args]).join(' ')}`,
  });
}

/** `adb shell <args>`: a step that fails on an exit code other than 0 or on a Failure/Error: line. */
async function shellStep(device: DeviceAdb, args: readonly string[], what: string): Promise<string> {
  const output = await device.shell(args);
  if (output.code !== 0 || /Failure|Error:/.test(output.stdout))
    throw stepFailed(device.serial, what, (output.stderr || output.stdout).trim(), ['shell', ...args]);
  return output.stdout;
}

/**
 * Configures the app unattended, through ConfigureReceiver (only the adb shell may call it), checks
 * from the broadcast's result that it stored the configuration, then opens the app: it applies the
 * configuration as it starts (and before any drain), and an app never launched gets no SMS.
 */
async function configureApp(device: DeviceAdb, webhookUrl: string, secret: string | null): Promise<void> {
  const { serial } = device;
  const args = configureArguments(serial, webhookUrl, secret).slice(3);
  const result = parseBroadcastResult(await shellStep(device, args, 'configuring the app'));
  if (result?.code !== configureReceiver.storedCode) {
    const refused = result?.code === configureReceiver.refusedCode;
    const why = refused
      ? `the app refused the configuration: ${result.data ?? 'no reason given'}`
      : `no receiver stored it (${result ? `result=${result.code}` : 'no broadcast result'}): the installed APK predates ConfigureReceiver`;
    const retry = `adb ${withoutSecret(['-s', serial, 'shell', ...args]).join(' ')}`;
    throw new SmsgwError('device-unavailable', `configuring the app failed on ${serial}: ${why}`, {
      hint: refused
        ? `check --webhook; the command was: ${retry}`
        : `rebuild and reinstall the APK (android-app/README.md), then: ${retry}`,
    });
  }
  await shellStep(
    device,
    ['am', 'start', '-W', '-n', `${defaults.applicationId}/${defaults.launchActivity}`],
    'opening the app',
  );
}

/** Installs the app, grants it SMS, exempts it from battery optimisation, reverses the stub port, configures it. */
export async function prepareApp(
  environment: EmulatorEnvironment,
  kit: AdbKit,
  options: PrepareOptions,
): Promise<void> {
  const device = kit.device(options.serial);
  const { apk, reversePort: port } = options;
  const [app, receiveSms] = [defaults.applicationId, 'android.permission.RECEIVE_SMS'];
  if (apk && !(environment.exists ?? existsSync)(apk))
    throw new SmsgwError('bad-option', `No APK at ${apk}`, { hint: 'build it: see android-app/README.md' });
  // Each step: what it does, the adb command that retries it by hand, and the call.
  const steps = [
    ...(apk
      ? [['installing the APK', ['install', '-r', '-g', apk], () => device.install(apk, defaults.installTimeoutMs)]]
      : []),
    ['granting RECEIVE_SMS', ['shell', 'pm', 'grant', app, receiveSms], () => device.grantPermission(app, receiveSms)],
    [
      'exempting the app from battery optimisation',
      ['shell', 'dumpsys', 'deviceidle', 'whitelist', `+${app}`],
      () => device.exemptFromDoze(app),
    ],
    ...(port ? [['adb reverse', ['reverse', `tcp:${port}`, `tcp:${port}`], () => device.reverse(port)]] : []),
  ] as Array<[what: string, retry: string[], run: () => Promise<void>]>;
  for (const [what, args, run] of steps)
    await run().catch((error: unknown) => {
      throw error instanceof SmsgwError ? error : stepFailed(device.serial, what, (error as Error).message, args);
    });
  if (options.webhookUrl) await configureApp(device, options.webhookUrl, options.secret ?? null);
}
