import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import type { ConsoleLink } from './console/console-link';
import { createDevice, type DeviceContext } from './create-device';
import type { EmulatorEnvironment } from './emulator/emulator-control';
import { scriptedKit, scriptedRunner, type ScriptedAnswer } from './emulator/scripted-runner';
import type { HealthScraper } from './core/health-scraper';

const adb = '/sdk/platform-tools/adb';
const devicesOutput = [
  'List of devices attached',
  'emulator-5556          device product:sdk_gphone64_x86_64 model:sdk_gphone64_x86_64 device:emu64xa transport_id:3',
  'emulator-5554          offline transport_id:1',
  'R58M123ABC             device usb:1-1 product:a52q model:SM_A525F device:a52q transport_id:2',
  '',
].join('\n');
const installed = 'package:/data/app/~~Xq1w==/dev.smsgw.gateway-Ab3==/base.apk\n';
const configure = `${adb} -s emulator-5556 shell am broadcast -a dev.smsgw.gateway.action.CONFIGURE -n dev.smsgw.gateway/.config.ConfigureReceiver --include-stopped-packages --es webhook 'http://127.0.0.1:41234/webhook' --es secret 's3cret'`;

function environment(answers: Record<string, ScriptedAnswer> = {}, sdk = true) {
  const runner = scriptedRunner({
    [`${adb} devices -l`]: devicesOutput,
    [`${adb} -s emulator-5556 shell pm path dev.smsgw.gateway`]: installed,
    [configure]: 'Broadcast completed: result=1, data="stored"\n',
    ...answers,
  });
  const files = sdk ? ['/sdk', '/sdk/emulator/emulator', adb] : [];
  const env: EmulatorEnvironment = {
    runner,
    adbKit: async (adbPath) => scriptedKit(runner, adbPath),
    env: { ANDROID_HOME: '/sdk' },
    home: '/home/q',
    exists: (path) => files.includes(path),
    sleep: async () => undefined,
  };
  return { runner, env };
}

const noScraper: HealthScraper = { scrape: async () => ({ 'queue-size': '0' }), close: async () => undefined };
const context = (env: EmulatorEnvironment, extra: Partial<DeviceContext> = {}): DeviceContext => ({
  stub: { url: 'http://127.0.0.1:41234/webhook', port: 41234 },
  secret: 's3cret',
  dir: '/tmp/run',
  environment: env,
  scraperFor: async () => noScraper,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<SmsgwError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SmsgwError);
  return error as SmsgwError;
}

describe('createDevice', () => {
  it('prepares a running emulator for the run: reverse of the stub port, then configuring and opening the app', async () => {
    const { runner, env } = environment();
    const { device } = await createDevice('emulator', context(env));
    expect([device.kind, device.label, device.consolePort]).toEqual(['emulator', 'emulator:5556', 5556]);
    expect(runner.calls.slice(0, 2)).toEqual([
      `${adb} devices -l`,
      `${adb} -s emulator-5556 shell pm path dev.smsgw.gateway`,
    ]);
    expect(runner.calls).toContain(`${adb} -s emulator-5556 reverse tcp:41234 tcp:41234`);
    expect(runner.calls.slice(-2)).toEqual([
      configure,
      `${adb} -s emulator-5556 shell am start -W -n dev.smsgw.gateway/.MainActivity`,
    ]);
  });

  it('opens the named emulator and refuses one adb lists as offline, naming smsgw emulator boot', async () => {
    const { env } = environment();
    expect((await createDevice('emulator-5556', context(env))).device.consolePort).toBe(5556);
    const error = await failure(createDevice('emulator-5554', context(env)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('No running emulator emulator-5554 (adb sees: emulator-5556)');
    expect(error.hint).toMatch(/smsgw emulator boot --port 5554/);
  });

  it('exits 3 naming the SDK when there is none, before running anything', async () => {
    const { runner, env } = environment({}, false);
    const error = await failure(createDevice('emulator', context(env)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/^Device "emulator" needs the Android SDK\. No Android SDK found/);
    expect(runner.calls).toEqual([]);
  });

  it('exits 3 when the app is not installed on the emulator', async () => {
    const { env } = environment({ [`${adb} -s emulator-5556 shell pm path dev.smsgw.gateway`]: { code: 1 } });
    const error = await failure(createDevice('emulator', context(env)));
    expect([error.exitCode, error.message]).toEqual([3, 'dev.smsgw.gateway is not installed on emulator-5556']);
    expect(error.hint).toMatch(/--apk/);
  });

  it('exits 2 for an odd console port and for defects planted in a real device', async () => {
    const { env } = environment();
    expect((await failure(createDevice('emulator-5555', context(env)))).exitCode).toBe(2);
    const error = await failure(createDevice('emulator', context(env, { defects: ['drop:0.01'] })));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/virtual device only/);
  });

  it('exits 2 for a fast clock on an emulator or a remote phone, whose clock is not ours, before touching adb', async () => {
    const { env, runner } = environment();
    for (const spec of ['emulator', 'remote']) {
      const error = await failure(createDevice(spec, context(env, { clockSpeed: 100 })));
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/`clock` speeds up the virtual device only/);
    }
    expect(runner.calls).toEqual([]);
  });

  it('exits 3 for remote without --appium', async () => {
    const error = await failure(createDevice('remote', context(environment().env)));
    expect(error.exitCode).toBe(3);
    expect(error.hint).toMatch(/--appium <url>/);
  });

  it('exits 3 for remote when no console is reachable to inject SMS through', async () => {
    const refused = () =>
      Promise.reject(
        new SmsgwError('device-unavailable', 'No emulator console at 127.0.0.1:5554 (connection refused)'),
      );
    const error = await failure(
      createDevice('remote', context(environment().env, { appiumUrl: 'http://grid:4723/', connectConsole: refused })),
    );
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/cannot receive injected SMS/);
  });

  it('drives a remote phone through a reachable console, and refuses chaos it cannot do without adb', async () => {
    let closed = 0;
    const link: ConsoleLink = {
      sendSms: async () => undefined,
      command: async () => [],
      close: async () => void (closed += 1),
      destroy: () => undefined,
    };
    const { device } = await createDevice(
      'remote',
      context(environment().env, { appiumUrl: 'http://grid:4723/', connectConsole: async () => link }),
    );
    expect([device.kind, device.label, device.healthUrl, closed]).toEqual(['remote', 'remote:grid:4723', null, 1]);
    expect((await device.health()).rssBytes).toBeNull();
    const error = await failure(device.kill());
    expect([error.exitCode, error.message]).toEqual([
      3,
      'killing the app is not possible on a remote device (remote:grid:4723): it needs adb',
    ]);
  });
});
