// Where the Android SDK and its tools are, found the way Android Studio and Gradle find them.
import { join } from 'node:path';

export interface SdkLocation {
  readonly root: string;
  /** Which setting named it: ANDROID_HOME, ANDROID_SDK_ROOT or the default folder. */
  readonly source: string;
}

export interface SdkTools {
  readonly adb: string;
  readonly emulator: string;
  readonly avdmanager: string;
  readonly sdkmanager: string;
}

/** ANDROID_HOME wins over the deprecated ANDROID_SDK_ROOT; then ~/Android/Sdk (Android Studio's default on Linux). */
export function findAndroidSdk(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  exists: (path: string) => boolean,
): SdkLocation | null {
  const candidates: Array<[string | undefined, string]> = [
    [env.ANDROID_HOME, 'ANDROID_HOME'],
    [env.ANDROID_SDK_ROOT, 'ANDROID_SDK_ROOT'],
    [home ? join(home, 'Android', 'Sdk') : undefined, '~/Android/Sdk'],
  ];
  for (const [root, source] of candidates) if (root && exists(root)) return { root, source };
  return null;
}

export function sdkTools(sdk: SdkLocation): SdkTools {
  return {
    adb: join(sdk.root, 'platform-tools', 'adb'),
    emulator: join(sdk.root, 'emulator', 'emulator'),
    avdmanager: join(sdk.root, 'cmdline-tools', 'latest', 'bin', 'avdmanager'),
    sdkmanager: join(sdk.root, 'cmdline-tools', 'latest', 'bin', 'sdkmanager'),
  };
}

/** `emulator -list-avds` prints one AVD name a line, sometimes after INFO/WARNING lines of its own. */
export function parseAvdList(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^(INFO|WARNING|ERROR)\b/.test(line) && /^[\w.-]+$/.test(line));
}
