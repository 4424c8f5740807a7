import { describe, expect, it } from 'vitest';
import { checkNode, runChecks } from './checks';
import type { Probe, RunOutput } from './probe';

function fakeProbe(machine: {
  files?: string[];
  path?: Record<string, string>;
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  packages?: string[];
}): Probe {
  const files = new Set(machine.files ?? []);
  return {
    env: machine.env ?? {},
    home: '/home/q',
    exists: (path) => files.has(path),
    which: (command) => machine.path?.[command] ?? null,
    run: async (command, args): Promise<RunOutput> => {
      const key = [command, ...args].join(' ');
      const stdout = machine.outputs?.[key];
      return stdout === undefined
        ? { ok: false, stdout: '', stderr: `${key}: not found` }
        : { ok: true, stdout, stderr: '' };
    },
    resolvePackage: (name) => ((machine.packages ?? []).includes(name) ? `/p/node_modules/${name}/package.json` : null),
  };
}

const byName = (results: Awaited<ReturnType<typeof runChecks>>) =>
  Object.fromEntries(results.map((result) => [result.name, result]));

describe('doctor checks', () => {
  it('says the virtual path is fine on Node 20.19.4 and not on 20.18', () => {
    expect(checkNode('v20.19.4').status).toBe('ok');
    expect(checkNode('v20.18.9')).toMatchObject({ status: 'missing', neededFor: 'virtual' });
    expect(checkNode('v22.1.0').status).toBe('ok');
  });

  it('names the SDK, the emulator and an AVD as missing on a machine without the SDK, each with a fix', async () => {
    const results = byName(await runChecks(fakeProbe({}), 'v20.20.2'));
    for (const name of ['android-sdk', 'emulator', 'avd', 'adb', 'chromium', 'appium']) {
      expect(results[name]?.status, name).toBe('missing');
      expect(results[name]?.fix, name).not.toBe('');
    }
    expect(results.node?.status).toBe('ok');
  });

  it('finds everything on a fully equipped machine', async () => {
    const sdk = '/sdk';
    const probe = fakeProbe({
      env: { ANDROID_HOME: sdk },
      files: [sdk, `${sdk}/platform-tools/adb`, `${sdk}/emulator/emulator`, '/dev/kvm'],
      path: { chromium: '/usr/bin/chromium', chromedriver: '/usr/bin/chromedriver' },
      outputs: {
        [`${sdk}/platform-tools/adb version`]: 'Android Debug Bridge version 1.0.41\n',
        [`${sdk}/emulator/emulator -list-avds`]: 'smsgw\n',
        '/usr/bin/chromium --version': 'Chromium 156\n',
        '/usr/bin/chromedriver --version': 'ChromeDriver 156\n',
      },
      packages: ['appium', 'appium-chromium-driver', 'appium-uiautomator2-driver', 'webdriverio'],
    });
    const results = await runChecks(probe, 'v20.20.2');
    expect(results.filter((result) => result.status !== 'ok')).toEqual([]);
    expect(byName(results).avd?.detail).toBe('smsgw');
  });

  it('asks for an AVD when the emulator is there but lists none', async () => {
    const probe = fakeProbe({
      env: { ANDROID_HOME: '/sdk' },
      files: ['/sdk', '/sdk/emulator/emulator'],
      outputs: { '/sdk/emulator/emulator -list-avds': '' },
    });
    expect(byName(await runChecks(probe, 'v20.20.2')).avd).toMatchObject({
      status: 'missing',
      fix: expect.stringContaining('avdmanager create avd'),
    });
  });
});
