// Every check `smsgw doctor` makes: what it looked for, what it found, and the exact fix.
import { join } from 'node:path';
import { findAndroidSdk, parseAvdList, sdkTools } from '../device/emulator/android-sdk';
import { installCommand, type OptionalPackage } from '../optional-packages';
import type { Probe } from './probe';

export type CheckStatus = 'ok' | 'missing' | 'warning';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found (a version, a path) or what is wrong. */
  readonly detail: string;
  /** The exact command or step that fixes it; empty when nothing is needed. */
  readonly fix: string;
  /** What needs it: `virtual` runs (the default) or `emulator` / `appium` runs. */
  readonly neededFor: 'virtual' | 'emulator' | 'appium';
}

const MIN_NODE = [20, 19, 4] as const;

const newer = (version: readonly number[], minimum: readonly number[]): boolean => {
  for (let index = 0; index < minimum.length; index += 1) {
    const a = version[index] ?? 0;
    const b = minimum[index] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
};

const firstLine = (text: string): string => text.trim().split('\n')[0]?.trim() ?? '';

export function checkNode(version: string): CheckResult {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  const ok = newer(parts, MIN_NODE);
  return {
    name: 'node',
    status: ok ? 'ok' : 'missing',
    detail: version,
    fix: ok ? '' : `install Node ${MIN_NODE.join('.')} or newer (20.x LTS)`,
    neededFor: 'virtual',
  };
}

export async function checkAdb(probe: Probe): Promise<CheckResult> {
  const sdk = findAndroidSdk(probe.env, probe.home, probe.exists);
  const adb = sdk && probe.exists(sdkTools(sdk).adb) ? sdkTools(sdk).adb : probe.which('adb');
  if (!adb)
    return {
      name: 'adb',
      status: 'missing',
      detail: 'not on PATH nor in the SDK',
      fix: 'apt-get install -y adb (or the SDK: sdkmanager "platform-tools")',
      neededFor: 'emulator',
    };
  const version = await probe.run(adb, ['version']);
  return {
    name: 'adb',
    status: version.ok ? 'ok' : 'warning',
    detail: `${adb}: ${firstLine(version.stdout) || firstLine(version.stderr)}`,
    fix: version.ok ? '' : `${adb} version fails: reinstall platform-tools`,
    neededFor: 'emulator',
  };
}

export async function checkSdk(probe: Probe): Promise<CheckResult[]> {
  const sdk = findAndroidSdk(probe.env, probe.home, probe.exists);
  if (!sdk) {
    const fix =
      'install the Android command-line tools into ~/Android/Sdk (or set ANDROID_HOME), then: sdkmanager "platform-tools" "emulator" "system-images;android-35;google_apis;x86_64"';
    return [
      {
        name: 'android-sdk',
        status: 'missing',
        detail: 'ANDROID_HOME and ANDROID_SDK_ROOT unset, ~/Android/Sdk absent',
        fix,
        neededFor: 'emulator',
      },
      { name: 'emulator', status: 'missing', detail: 'no SDK', fix: 'sdkmanager "emulator"', neededFor: 'emulator' },
      {
        name: 'avd',
        status: 'missing',
        detail: 'no SDK',
        fix: 'avdmanager create avd -n smsgw -k "system-images;android-35;google_apis;x86_64"',
        neededFor: 'emulator',
      },
    ];
  }
  const tools = sdkTools(sdk);
  const results: CheckResult[] = [
    { name: 'android-sdk', status: 'ok', detail: `${sdk.root} (from ${sdk.source})`, fix: '', neededFor: 'emulator' },
  ];
  if (!probe.exists(tools.emulator)) {
    results.push({
      name: 'emulator',
      status: 'missing',
      detail: `${tools.emulator} not found`,
      fix: `${tools.sdkmanager} "emulator"`,
      neededFor: 'emulator',
    });
    results.push({
      name: 'avd',
      status: 'missing',
      detail: 'no emulator to list AVDs with',
      fix: 'install the emulator first',
      neededFor: 'emulator',
    });
    return results;
  }
  results.push({ name: 'emulator', status: 'ok', detail: tools.emulator, fix: '', neededFor: 'emulator' });
  const avds = parseAvdList((await probe.run(tools.emulator, ['-list-avds'])).stdout);
  results.push(
    avds.length > 0
      ? { name: 'avd', status: 'ok', detail: avds.join(', '), fix: '', neededFor: 'emulator' }
      : {
          name: 'avd',
          status: 'missing',
          detail: 'no AVD',
          fix: `${tools.avdmanager} create avd -n smsgw -k "system-images;android-35;google_apis;x86_64"`,
          neededFor: 'emulator',
        },
  );
  return results;
}

export function checkKvm(probe: Probe): CheckResult {
  const ok = probe.exists('/dev/kvm');
  return {
    name: 'kvm',
    status: ok ? 'ok' : 'warning',
    detail: ok ? '/dev/kvm' : '/dev/kvm absent: the emulator would run without acceleration (very slow)',
    fix: ok ? '' : 'enable virtualization (VT-x/AMD-V) and install qemu-kvm, or use a machine with KVM',
    neededFor: 'emulator',
  };
}

export function checkAppium(probe: Probe): CheckResult[] {
  const packages: Array<[OptionalPackage, string]> = [
    ['appium', 'appium'],
    ['appium-chromium-driver', 'appium driver: chromium'],
    ['appium-uiautomator2-driver', 'appium driver: uiautomator2'],
    ['webdriverio', 'webdriverio'],
  ];
  return packages.map(([pkg, name]) => {
    const path = probe.resolvePackage(pkg);
    return {
      name,
      status: path ? 'ok' : 'missing',
      detail: path ?? 'not installed in this project',
      // Optional: the smsgw package does not install them; a clone of the repository has them all.
      fix: path ? '' : installCommand([pkg]),
      neededFor: 'appium',
    };
  });
}

export async function checkChromium(probe: Probe): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, binary] of [
    ['chromium', 'chromium'],
    ['chromedriver', 'chromedriver'],
  ] as const) {
    const path = probe.which(binary);
    if (!path) {
      results.push({
        name,
        status: 'missing',
        detail: 'not on PATH',
        fix: 'apt-get update && apt-get install -y chromium chromium-driver',
        neededFor: 'appium',
      });
      continue;
    }
    const version = await probe.run(path, ['--version']);
    results.push({
      name,
      status: version.ok ? 'ok' : 'warning',
      detail: `${path}: ${firstLine(version.stdout)}`,
      fix: '',
      neededFor: 'appium',
    });
  }
  return results;
}

export function checkConsoleToken(probe: Probe): CheckResult {
  const path = join(probe.home, '.emulator_console_auth_token');
  const present = probe.exists(path);
  return {
    name: 'console-token',
    status: 'ok',
    detail: present ? `${path} (consoles demand it)` : `${path} absent: consoles need no auth`,
    fix: '',
    neededFor: 'emulator',
  };
}

/** Runs every check, in the order they are printed. */
export async function runChecks(probe: Probe, nodeVersion: string): Promise<CheckResult[]> {
  const [adb, sdk, chromium] = await Promise.all([checkAdb(probe), checkSdk(probe), checkChromium(probe)]);
  return [
    checkNode(nodeVersion),
    adb,
    ...sdk,
    checkKvm(probe),
    checkConsoleToken(probe),
    ...checkAppium(probe),
    ...chromium,
  ];
}
