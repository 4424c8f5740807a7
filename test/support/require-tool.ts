// The one rule for tests that need a program of the machine (adb, Chromium, chromedriver, script):
// found on PATH, as `command -v` finds it, they run; missing on a developer's machine, they are
// skipped with the reason and the fix in their title; missing under CI, every one of them fails,
// since .ci/run installs these tools and a skip there would hide that the test never ran.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeEach, describe } from 'vitest';

/** Each tool a test needs, with the Debian package that provides it: .ci/run installs these. */
export const debianPackages = {
  adb: 'adb',
  chromium: 'chromium',
  chromedriver: 'chromium-driver',
  script: 'bsdutils',
  openssl: 'openssl',
  prometheus: 'prometheus',
  promtool: 'prometheus',
} as const;

export type Tool = keyof typeof debianPackages;

export type ToolLookup =
  | { readonly kind: 'found'; readonly path: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

/** The first executable file named `command` in the folders of `path`, like `command -v`; null when none. */
export function onPath(command: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable: `command -v` looks further too
    }
  }
  return null;
}

/** True under CI: CI set to anything but empty, `false` or `0` (CI services set `true` or `1`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/** Where `tool` is, or why the tests that need it skip (no CI) or fail (CI). */
export function toolOrSkip(tool: Tool, env: NodeJS.ProcessEnv = process.env): ToolLookup {
  const path = onPath(tool, env.PATH ?? '');
  if (path) return { kind: 'found', path };
  const missing = `${tool} is not on PATH; apt-get install ${debianPackages[tool]}`;
  return isCi(env)
    ? { kind: 'fail', reason: `${missing} (under CI a missing tool fails its tests: .ci/run installs it)` }
    : { kind: 'skip', reason: missing };
}

export type ToolPaths<T extends Tool> = { readonly [K in T]: string };

/**
 * `describe` for tests that need `tools`: `body` gets their paths. A missing tool skips the suite,
 * naming it in the suite's title, or under CI fails each of its tests with the same reason.
 */
export function describeWithTools<T extends Tool>(
  tools: readonly T[],
  name: string,
  body: (paths: ToolPaths<T>) => void,
): void {
  const lookups = tools.map((tool) => [tool, toolOrSkip(tool)] as const);
  // A missing tool's bare name stands in for its path: the body still declares its tests.
  const paths = Object.fromEntries(
    lookups.map(([tool, lookup]) => [tool, lookup.kind === 'found' ? lookup.path : tool]),
  ) as ToolPaths<T>;
  const failures = lookups.flatMap(([, lookup]) => (lookup.kind === 'fail' ? [lookup.reason] : []));
  const skips = lookups.flatMap(([, lookup]) => (lookup.kind === 'skip' ? [lookup.reason] : []));
  if (failures.length > 0) {
    describe(name, () => {
      // beforeEach, not beforeAll: vitest counts the tests of a suite whose beforeAll threw as skipped.
      beforeEach(() => {
        throw new Error(failures.join('; '));
      });
      body(paths);
    });
  } else if (skips.length > 0) {
    describe.skip(`${name} (skipped: ${skips.join('; ')})`, () => body(paths));
  } else {
    describe(name, () => body(paths));
  }
}
