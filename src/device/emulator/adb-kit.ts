// adb through appium-adb, Appium's own adb layer (device list, boot wait, install, grant, Doze
// exemption, reverse tunnel), behind the few calls the emulator path makes: the rest of this folder and
// its tests see only AdbKit. The package does not install appium-adb: it is loaded on first use.
//
// Console commands go as plain `adb emu` through appium-adb's adbExec, never through its console
// helpers (execEmuConsoleCommand, sendSMS, adbExecEmu): each of those first empties the user's
// ~/.emulator_console_auth_token, after which our console client, which reads its token there, is
// refused by the emulator that still holds the old one. `adb emu` authenticates with that file itself.
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type * as AppiumAdb from 'appium-adb';
import { SmsgwError } from '../../errors';
import { getLogger } from '../../logger';
import { importOptional, resolveOptional } from '../../optional-packages';
import type { CommandOutput } from './adb';
import { emulatorDefaults as defaults } from './defaults';

export interface AdbDevice {
  readonly serial: string;
  /** device, offline, unauthorized, … */
  readonly state: string;
  readonly model?: string;
}

/** adb on one device. */
export interface DeviceAdb {
  readonly serial: string;
  /** `adb shell <args>`: its exit code and output; rejects only when adb itself cannot run. */
  shell(args: readonly string[]): Promise<CommandOutput>;
  /** `adb emu <words>`, the emulator console through adb: what adb printed (it exits 0 on a KO too). */
  emu(words: readonly string[], timeoutMs?: number): Promise<CommandOutput>;
  /** Installs or replaces an APK with its runtime permissions granted (`install -r -g`). */
  install(apk: string, timeoutMs: number): Promise<void>;
  grantPermission(pkg: string, permission: string): Promise<void>;
  /** `dumpsys deviceidle whitelist +<pkg>`: off battery optimisation. */
  exemptFromDoze(pkg: string): Promise<void>;
  /** `adb reverse tcp:<port> tcp:<port>`: the device's 127.0.0.1:<port> is this machine's. */
  reverse(port: number): Promise<void>;
  /** True once booted (sys.boot_completed, boot animation over, package manager up); false after `timeoutMs`. */
  waitForBoot(timeoutMs: number): Promise<boolean>;
}

export interface AdbKit {
  /** Every device adb lists, offline and unauthorized ones too (`adb devices -l`). */
  devices(): Promise<AdbDevice[]>;
  device(serial: string): DeviceAdb;
}

export const adbKitPurpose = 'an emulator device (`device: emulator`)';

type ADB = AppiumAdb.ADB;

/**
 * appium-adb logs through Appium's shared logger (`@appium/logger`, which @appium/support hands every
 * Appium package), at `verbose` and to stderr when nothing set it up: every command line, the webhook
 * secret of the configure step among them. Through that logger's public `level` and `stream`, only its
 * warnings and errors are kept, and they go to the emulator stage's debug log. The logger is the copy
 * appium-adb's own @appium/support loads, found from there.
 */
async function quietAppiumLogs(): Promise<void> {
  const adbManifest = resolveOptional('appium-adb', 'package.json');
  if (adbManifest === null) return;
  const fromSupport = createRequire(createRequire(adbManifest).resolve('@appium/support'));
  const { default: log } = (await import(pathToFileURL(fromSupport.resolve('@appium/logger')).href)) as {
    default: { level: string; stream: Writable | null };
  };
  const logger = getLogger('emulator');
  log.level = 'warn';
  log.stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logger.debug(`appium-adb: ${chunk.toString().trim()}`);
      done();
    },
  });
}

/**
 * appium-adb on the SDK's adb, run with `env` ($HOME holds the console token, ANDROID_ADB_SERVER_PORT
 * names the server's port); exit 3 naming the install command when appium-adb is not installed.
 */
export async function loadAdbKit(adbPath: string, env: Readonly<NodeJS.ProcessEnv> = process.env): Promise<AdbKit> {
  await quietAppiumLogs();
  const { ADB: Adb } = await importOptional<typeof AppiumAdb>('appium-adb', adbKitPurpose, ['appium-adb']);
  const serverPort = Number(env['ANDROID_ADB_SERVER_PORT']);
  const adbFor = (udid?: string): ADB =>
    new Adb({
      executable: { path: adbPath, defaultArgs: [] },
      // appium-adb passes `-P 5037` unless told otherwise; adb alone would follow this variable.
      ...(serverPort > 0 ? { adbPort: serverPort } : {}),
      // Never `adb kill-server` when a device is slow to appear: other sessions share that server.
      suppressKillServer: true,
      allowOfflineDevices: true,
      adbExecTimeout: defaults.commandTimeoutMs,
      ...(udid ? { udid } : {}),
    });
  return {
    devices: () =>
      adbFor()
        .getConnectedDevices({ verbose: true })
        .then(
          (listed) => listed.map(({ udid, state, model }) => ({ serial: udid, state, model: model || undefined })),
          (error: unknown) => failed(error, adbPath, defaults.commandTimeoutMs),
        ),
    device: (serial) => deviceAdb(adbFor(serial), serial, adbPath, env),
  };
}

function deviceAdb(adb: ADB, serial: string, adbPath: string, env: Readonly<NodeJS.ProcessEnv>): DeviceAdb {
  // Rejects with adb's own words: the caller knows which step failed and how to retry it by hand.
  const run = (step: () => Promise<unknown>, timeoutMs: number = defaults.commandTimeoutMs): Promise<void> =>
    step().then(
      () => undefined,
      (error: unknown) => failed(error, adbPath, timeoutMs),
    );
  // Exit code and both outputs; teen_process takes `env` as child_process does (appium-adb's types leave it out).
  const full = (timeoutMs: number) => ({ outputFormat: 'full', timeout: timeoutMs, env }) as { outputFormat: 'full' };
  const output = (command: Promise<{ stdout: string; stderr: string }>, timeoutMs: number): Promise<CommandOutput> =>
    command.then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: unknown) => outputOf(error, adbPath, timeoutMs),
    );
  return {
    serial,
    shell: (args) => output(adb.shell([...args], full(defaults.commandTimeoutMs)), defaults.commandTimeoutMs),
    emu: (words, timeoutMs = defaults.commandTimeoutMs) =>
      output(adb.adbExec(['emu', ...words], full(timeoutMs)), timeoutMs),
    install: (apk, timeoutMs) =>
      run(() => adb.install(apk, { replace: true, grantPermissions: true, timeout: timeoutMs }), timeoutMs),
    grantPermission: (pkg, permission) => run(() => adb.grantPermission(pkg, permission)),
    exemptFromDoze: (pkg) => run(() => adb.addToDeviceIdleWhitelist(pkg)),
    reverse: (port) => run(() => adb.reversePort(port, port)),
    // waitForEmulatorReady takes every failure along the way as "not yet": it throws only at the timeout.
    waitForBoot: (timeoutMs) =>
      adb.waitForEmulatorReady(timeoutMs).then(
        () => true,
        () => false,
      ),
  };
}

/**
 * adb's exit code and output from appium-adb's error (teen_process's: the exit code, a spawn error's
 * code, null on a timeout, possibly as the cause of an error of its own); no adb binary is exit 3.
 */
function outputOf(error: unknown, adbPath: string, timeoutMs: number): CommandOutput {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code !== 'ENOENT') continue;
    throw new SmsgwError('environment', `adb was not found (tried ${JSON.stringify(adbPath)})`, {
      hint: 'install the Android SDK platform-tools (Debian: apt-get install adb) and put adb on PATH',
      cause: error,
    });
  }
  const failure = error as { code?: unknown; stdout?: string; stderr?: string; message?: string };
  const { code, stdout = '', stderr = '', message = String(error) } = failure;
  if (typeof code === 'number') return { code, stdout, stderr };
  // appium-adb's own message for a timeout names an Appium capability, of no use here.
  return { code: 1, stdout, stderr: code === null ? `no answer within ${timeoutMs} ms` : message };
}

/** Throws an Error whose message is what adb said; no adb binary is exit 3. */
function failed(error: unknown, adbPath: string, timeoutMs: number): never {
  const { stdout, stderr } = outputOf(error, adbPath, timeoutMs);
  throw new Error((stderr || stdout).trim() || 'adb failed', { cause: error });
}
