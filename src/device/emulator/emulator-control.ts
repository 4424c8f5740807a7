// Booting, preparing and stopping an Android emulator with the SDK's own tools.
import { existsSync } from 'node:fs';
import { SmsgwError } from '../../errors';
import { findAndroidSdk, parseAdbDevices, parseAvdList, sdkTools, type AdbDevice, type SdkTools } from './android-sdk';
import {
  bootArguments,
  configureArguments,
  configureReceiver,
  parseBroadcastResult,
  withoutSecret,
  type CommandOutput,
  type CommandRunner,
} from './adb';
import { emulatorDefaults as defaults } from './defaults';

export interface EmulatorEnvironment {
  readonly runner: CommandRunner;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly exists?: (path: string) => boolean;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
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

export async function listDevices(environment: EmulatorEnvironment, adb: string): Promise<AdbDevice[]> {
  return parseAdbDevices((await environment.runner.run(adb, ['devices', '-l'])).stdout);
}

export interface BootOptions {
  readonly avd?: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly logPath: string;
  readonly onProgress?: (line: string) => void;
}

/** Boots an AVD headless and waits for `sys.boot_completed`; returns its serial. */
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
  return coldBoot(environment, { ...options, avd, emulator: tools.emulator, adb: tools.adb });
}

export interface ColdBootOptions extends BootOptions {
  readonly avd: string;
  /** The SDK's `emulator` and `adb` binaries. */
  readonly emulator: string;
  readonly adb: string;
}

/**
 * Starts a known AVD headless without snapshots, so it boots cold, and waits for `sys.boot_completed`;
 * returns its serial. Both `smsgw emulator boot` and a power loss's restart boot through here.
 */
export async function coldBoot(
  environment: Pick<EmulatorEnvironment, 'runner' | 'sleep' | 'now'>,
  options: ColdBootOptions,
): Promise<string> {
  const { avd } = options;
  const serial = `emulator-${options.port}`;
  await environment.runner.spawnDetached(options.emulator, bootArguments(avd, options.port), options.logPath);
  const sleep = environment.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = environment.now ?? Date.now;
  const startedAt = now();
  while (now() - startedAt < options.timeoutMs) {
    const booted = await environment.runner.run(options.adb, ['-s', serial, 'shell', 'getprop', 'sys.boot_completed']);
    if (booted.stdout.trim() === '1') return serial;
    options.onProgress?.(`waiting for ${avd} (${serial}) to boot… ${Math.round((now() - startedAt) / 1000)}s`);
    await sleep(defaults.bootPollMs);
  }
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

type AdbStep = (args: string[], what: string, timeoutMs?: number) => Promise<CommandOutput>;

/**
 * Runs adb steps on one device; a step that fails is `device-unavailable`, its hint the command to
 * retry by hand, without the webhook secret (it is on the configure command's line).
 */
function adbSteps(runner: CommandRunner, adb: string, serial: string): AdbStep {
  const device = ['-s', serial];
  return async (args, what, timeoutMs) => {
    const output = await runner.run(adb, [...device, ...args], timeoutMs);
    if (output.code !== 0 || /Failure|Error:/.test(output.stdout)) {
      throw new SmsgwError(
        'device-unavailable',
        `${what} failed on ${serial}: ${(output.stderr || output.stdout).trim()}`,
        {
          hint: `run: adb ${withoutSecret([...device, ...args]).join(' ')}`,
        },
      );
    }
    return output;
  };
}

/**
 * Configures the app unattended, through ConfigureReceiver (only the adb shell may call it), checks
 * from the broadcast's result that it stored the configuration, then opens the app: it applies the
 * configuration as it starts (and before any drain), and an app never launched gets no SMS.
 */
async function configureApp(step: AdbStep, serial: string, webhookUrl: string, secret: string | null): Promise<void> {
  const args = configureArguments(serial, webhookUrl, secret).slice(2);
  const result = parseBroadcastResult((await step(args, 'configuring the app')).stdout);
  if (result?.code !== configureReceiver.storedCode) {
    const refused = result?.code === configureReceiver.refusedCode;
    const why = refused
      ? `the app refused the configuration: ${result.data ?? 'no reason given'}`
      : `no receiver stored it (${result ? `result=${result.code}` : 'no broadcast result'}): the installed APK predates ConfigureReceiver`;
    const retry = `adb ${withoutSecret(['-s', serial, ...args]).join(' ')}`;
    throw new SmsgwError('device-unavailable', `configuring the app failed on ${serial}: ${why}`, {
      hint: refused
        ? `check --webhook; the command was: ${retry}`
        : `rebuild and reinstall the APK (android-app/README.md), then: ${retry}`,
    });
  }
  await step(
    ['shell', 'am', 'start', '-W', '-n', `${defaults.applicationId}/${defaults.launchActivity}`],
    'opening the app',
  );
}

/** Installs the app, grants it SMS, exempts it from battery optimisation, reverses the stub port, configures it. */
export async function prepareApp(
  environment: EmulatorEnvironment,
  adb: string,
  options: PrepareOptions,
): Promise<void> {
  const step = adbSteps(environment.runner, adb, options.serial);
  if (options.apk) {
    if (!(environment.exists ?? existsSync)(options.apk))
      throw new SmsgwError('bad-option', `No APK at ${options.apk}`, { hint: 'build it: see android-app/README.md' });
    await step(['install', '-r', '-g', options.apk], 'installing the APK', defaults.installTimeoutMs);
  }
  await step(
    ['shell', 'pm', 'grant', defaults.applicationId, 'android.permission.RECEIVE_SMS'],
    'granting RECEIVE_SMS',
  );
  await step(
    ['shell', 'dumpsys', 'deviceidle', 'whitelist', `+${defaults.applicationId}`],
    'exempting the app from battery optimisation',
  );
  if (options.reversePort)
    await step(['reverse', `tcp:${options.reversePort}`, `tcp:${options.reversePort}`], 'adb reverse');
  if (options.webhookUrl) await configureApp(step, options.serial, options.webhookUrl, options.secret ?? null);
}

export async function stopEmulator(environment: EmulatorEnvironment, adb: string, serial: string): Promise<void> {
  await environment.runner.run(adb, ['-s', serial, 'emu', 'kill']);
}
