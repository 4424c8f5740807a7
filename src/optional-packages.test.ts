import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { ExitCode, SmsgwError } from './errors';
import {
  importOptional,
  installCommand,
  missingPackage,
  optionalPackages,
  requireInstalled,
  resolveOptional,
  type OptionalPackage,
} from './optional-packages';

const names = Object.keys(optionalPackages) as OptionalPackage[];

describe('optional packages', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('are the optional peer dependencies of package.json, at the versions the repository tests with', () => {
    const peers = packageJson.peerDependencies as Record<string, string>;
    const meta = packageJson.peerDependenciesMeta as Record<string, { optional?: boolean }>;
    const dev = packageJson.devDependencies as Record<string, string>;
    expect(Object.keys(peers).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(peers[name]).toBe(optionalPackages[name].version);
      expect(dev[name]).toBe(optionalPackages[name].version);
      expect(meta[name]?.optional).toBe(true);
      expect(Object.keys(packageJson.dependencies)).not.toContain(name);
    }
  });

  it('are found in a clone of the repository, from any working folder', () => {
    process.chdir(mkdtempSync(join(os.tmpdir(), 'smsgw-optional-')));
    try {
      for (const name of names) expect(resolveOptional(name), name).toMatch(new RegExp(`node_modules/${name}/?$`));
      expect(resolveOptional('appium', 'index.js')).toMatch(/node_modules\/appium\/index\.js$/);
      expect(() => requireInstalled(['appium', 'webdriverio'], 'x')).not.toThrow();
    } finally {
      rmSync(process.cwd(), { recursive: true, force: true });
    }
  });

  it('load through importOptional when installed', async () => {
    const adb = await importOptional<{ ADB: unknown }>('appium-adb', 'emulator control');
    expect(typeof adb.ADB).toBe('function');
  });

  it('when missing, end the run with exit 3 and the exact command that installs them', () => {
    const error = missingPackage('appium', '`--metrics appium`', ['appium', 'appium-chromium-driver', 'webdriverio']);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.message).toBe('`--metrics appium` needs appium, which is not installed');
    expect(error.hint).toBe(
      'install it in this project: npm i -D appium@3.8.0 appium-chromium-driver@3.1.1 webdriverio@9.33.1',
    );
    expect(installCommand(['tsx'])).toBe('npm i -D tsx@4.23.15');
  });

  it('tell a missing package from a package that failed to load', async () => {
    // A package that is not installed anywhere is reported as missing, with the install command.
    const missing = await importOptional('no-such-package-smsgw' as OptionalPackage, 'a test').catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(SmsgwError);
    expect((missing as SmsgwError).message).toBe('a test needs no-such-package-smsgw, which is not installed');
  });
});
