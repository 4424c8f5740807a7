// Packages smsgw uses only for some of its work: Appium with its drivers and webdriverio (Health
// screen metrics, emulator and remote devices), and tsx (handlers and scenarios written in
// TypeScript). The package does not install them, so a run that needs one loads it here, on
// demand, and a missing one is an environment fault that says the exact command that installs it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SmsgwError } from './errors';
import { packageRoot } from './package-files';

/** Each optional package, the version smsgw is tested with, and what needs it. */
export const optionalPackages = {
  appium: { version: '3.8.0', neededFor: 'Appium metrics and Android devices' },
  'appium-chromium-driver': { version: '3.1.1', neededFor: 'Health screen metrics in Chromium' },
  'appium-uiautomator2-driver': { version: '8.7.0', neededFor: 'Health screen metrics on an Android device' },
  'appium-adb': { version: '16.0.5', neededFor: 'emulator control' },
  webdriverio: { version: '9.33.1', neededFor: 'Appium sessions' },
  tsx: { version: '4.23.15', neededFor: 'handlers written in TypeScript' },
} as const;
export type OptionalPackage = keyof typeof optionalPackages;

/** The command that installs `names` into the project that runs smsgw. */
export function installCommand(names: readonly OptionalPackage[]): string {
  const pinned = (name: OptionalPackage): string => {
    const known: { version: string } | undefined = optionalPackages[name];
    return known === undefined ? name : `${name}@${known.version}`;
  };
  return `npm i -D ${names.map(pinned).join(' ')}`;
}

/**
 * Where a package's folder is: searched from the folder smsgw runs in (the user's project), then
 * from smsgw's own folder, as Node would (so a package whose `exports` hide its package.json is found
 * too). `subpath` joins a file inside it. Null when neither has it.
 */
export function resolveOptional(name: OptionalPackage, subpath = ''): string | null {
  for (const from of [process.cwd(), packageRoot]) {
    for (const dir of createRequire(join(from, 'noop.js')).resolve.paths(name) ?? []) {
      if (existsSync(join(dir, name, 'package.json'))) return join(dir, name, subpath);
    }
  }
  return null;
}

/** Throws the `missingPackage` error for the first of `names` that is not installed. */
export function requireInstalled(names: readonly OptionalPackage[], purpose: string): void {
  const missing = names.find((name) => resolveOptional(name) === null);
  if (missing !== undefined) throw missingPackage(missing, purpose, names);
}

/** The import failed because `name` itself is not installed (not one of its own imports). */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${name}'`) || message.includes(`'${name}/`))
  );
}

/**
 * Loads an optional package (or `subpath` of it) for `purpose`, words for the message ("`--metrics
 * appium`"); a missing one throws `environment` (exit 3) with the command that installs it and
 * `alongWith`. Found as any import from smsgw is: in the project that installed smsgw, or in a clone.
 */
export async function importOptional<T>(
  name: OptionalPackage,
  purpose: string,
  alongWith: readonly OptionalPackage[] = [name],
  subpath = '',
): Promise<T> {
  try {
    return (await import(subpath ? `${name}/${subpath}` : name)) as T;
  } catch (error) {
    if (isMissing(error, name)) throw missingPackage(name, purpose, alongWith);
    throw error;
  }
}

/** The error a run ends with when `name` is not installed. */
export function missingPackage(
  name: OptionalPackage,
  purpose: string,
  alongWith: readonly OptionalPackage[] = [name],
): SmsgwError {
  const names = alongWith.includes(name) ? alongWith : [name, ...alongWith];
  return new SmsgwError('environment', `${purpose} needs ${name}, which is not installed`, {
    hint: `install it in this project: ${installCommand(names)}`,
  });
}
