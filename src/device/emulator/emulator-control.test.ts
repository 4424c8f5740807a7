import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import {
  bootArguments,
  consolePortOf,
  deepLinkArguments,
  parseMeminfo,
  shellQuote,
  type CommandOutput,
  type CommandRunner,
} from './adb';
import { bootEmulator, prepareApp, requireSdk, type EmulatorEnvironment } from './emulator-control';

/** Records every command and answers from a script keyed by the command line. */
function scriptedRunner(
  answers: Record<string, string | string[]> = {},
): CommandRunner & { readonly calls: string[]; readonly spawned: string[] } {
  const calls: string[] = [];
  const spawned: string[] = [];
  return {
    calls,
    spawned,
    async run(command, args): Promise<CommandOutput> {
      const line = [command, ...args].join(' ');
      calls.push(line);
      const answer = answers[line];
      const stdout = Array.isArray(answer) ? (answer.shift() ?? '') : (answer ?? '');
      return { code: 0, stdout, stderr: '' };
    },
    async spawnDetached(command, args) {
      spawned.push([command, ...args].join(' '));
      return 4242;
    },
  };
}

const sdkFiles = ['/sdk', '/sdk/emulator/emulator', '/sdk/platform-tools/adb'];
const environment = (runner: CommandRunner, files = sdkFiles): EmulatorEnvironment => ({
  runner,
  env: { ANDROID_HOME: '/sdk' },
  home: '/home/q',
  exists: (path) => files.includes(path),
  sleep: async () => undefined,
});

describe('emulator command lines', () => {
  it('boots headless, without snapshot, on the requested console port', () => {
    expect(bootArguments('smsgw', 5556)).toEqual([
      '-avd',
      'smsgw',
      '-no-window',
      '-no-audio',
      '-no-boot-anim',
      '-no-snapshot',
      '-port',
      '5556',
    ]);
  });

  it('refuses an odd or out-of-range console port', () => {
    expect(() => bootArguments('smsgw', 5555)).toThrow(/even number from 5554 to 5682/);
    expect(() => bootArguments('smsgw', 8080)).toThrow(SmsgwError);
  });

  it('reads the console port from an emulator serial and nothing from a phone serial', () => {
    expect(consolePortOf('emulator-5560')).toBe(5560);
    expect(consolePortOf('R58M123ABC')).toBeNull();
  });

  it('quotes the deep link for the device shell so `&` does not split the command', () => {
    const args = deepLinkArguments('emulator-5554', 'http://127.0.0.1:8080/webhook', "s&cr'et");
    expect(args.slice(0, 9)).toEqual([
      '-s',
      'emulator-5554',
      'shell',
      'am',
      'start',
      '-W',
      '-a',
      'android.intent.action.VIEW',
      '-d',
    ]);
    expect(args[9]).toBe(
      shellQuote('smsgw://configure?url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebhook&secret=s%26cr%27et'),
    );
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it('reads memory from dumpsys meminfo, RSS where given, else total PSS', () => {
    expect(parseMeminfo('  TOTAL PSS:    81234            TOTAL RSS:   152000      TOTAL SWAP PSS:       12\n')).toBe(
      152_000 * 1024,
    );
    expect(parseMeminfo('             TOTAL    81234    70000\n')).toBe(81_234 * 1024);
    expect(parseMeminfo('No process found for: dev.smsgw.gateway')).toBeNull();
  });
});

describe('bootEmulator', () => {
  it('starts the emulator and polls sys.boot_completed until it is 1', async () => {
    const runner = scriptedRunner({
      '/sdk/emulator/emulator -list-avds': 'smsgw\n',
      '/sdk/platform-tools/adb -s emulator-5554 shell getprop sys.boot_completed': ['', '\n', '1\n'],
    });
    const progress: string[] = [];
    const serial = await bootEmulator(environment(runner), {
      port: 5554,
      timeoutMs: 60_000,
      logPath: '/tmp/emu.log',
      onProgress: (line) => progress.push(line),
    });
    expect(serial).toBe('emulator-5554');
    expect(runner.spawned).toEqual([
      '/sdk/emulator/emulator -avd smsgw -no-window -no-audio -no-boot-anim -no-snapshot -port 5554',
    ]);
    expect(progress).toHaveLength(2);
  });

  it('names the AVDs it has when asked for one that does not exist', async () => {
    const runner = scriptedRunner({ '/sdk/emulator/emulator -list-avds': 'Pixel_7\n' });
    await expect(
      bootEmulator(environment(runner), { avd: 'nope', port: 5554, timeoutMs: 1, logPath: '/tmp/x' }),
    ).rejects.toThrow('No AVD named "nope" (have: Pixel_7)');
  });

  it('gives up with exit-3 advice when the boot does not complete in time', async () => {
    let clock = 0;
    const runner = scriptedRunner({ '/sdk/emulator/emulator -list-avds': 'smsgw\n' });
    const env = { ...environment(runner), now: () => (clock += 1_000) };
    const error = await bootEmulator(env, { port: 5554, timeoutMs: 5_000, logPath: '/tmp/emu.log' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).exitCode).toBe(3);
  });

  it('explains a missing SDK with exit 3', () => {
    const error = (() => {
      try {
        requireSdk({ runner: scriptedRunner(), env: {}, home: '/home/q', exists: () => false });
      } catch (caught) {
        return caught as SmsgwError;
      }
      return null;
    })();
    expect(error?.exitCode).toBe(3);
    expect(error?.hint).toMatch(/ANDROID_HOME/);
  });
});

describe('prepareApp', () => {
  it('installs, grants SMS, exempts from battery optimisation, reverses the stub port and configures the app, in that order', async () => {
    const runner = scriptedRunner();
    await prepareApp(environment(runner, [...sdkFiles, '/out/app.apk']), 'adb', {
      serial: 'emulator-5554',
      apk: '/out/app.apk',
      reversePort: 8080,
      webhookUrl: 'http://127.0.0.1:8080/webhook',
      secret: 's',
    });
    expect(runner.calls).toEqual([
      'adb -s emulator-5554 install -r -g /out/app.apk',
      'adb -s emulator-5554 shell pm grant dev.smsgw.gateway android.permission.RECEIVE_SMS',
      'adb -s emulator-5554 shell dumpsys deviceidle whitelist +dev.smsgw.gateway',
      'adb -s emulator-5554 reverse tcp:8080 tcp:8080',
      `adb -s emulator-5554 shell am start -W -a android.intent.action.VIEW -d 'smsgw://configure?url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebhook&secret=s' dev.smsgw.gateway`,
    ]);
  });

  it('keeps the webhook secret out of the hint when configuring the app fails', async () => {
    const deepLink = `adb -s emulator-5554 shell am start -W -a android.intent.action.VIEW -d 'smsgw://configure?url=http%3A%2F%2F127.0.0.1%3A8080%2Fwebhook&secret=t%26p+s3cret' dev.smsgw.gateway`;
    const runner = scriptedRunner({ [deepLink]: 'Error: Activity not started' });
    const error = await prepareApp(environment(runner), 'adb', {
      serial: 'emulator-5554',
      webhookUrl: 'http://127.0.0.1:8080/webhook',
      secret: 't&p s3cret',
    }).catch((caught: SmsgwError) => caught);
    expect(runner.calls).toContain(deepLink);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error?.hint).toContain('secret=<secret>');
    expect(`${error?.message} ${error?.hint}`).not.toMatch(/s3cret/);
  });

  it('refuses an APK path that does not exist, before running anything', async () => {
    const runner = scriptedRunner();
    await expect(prepareApp(environment(runner), 'adb', { serial: 'emulator-5554', apk: '/nope.apk' })).rejects.toThrow(
      'No APK at /nope.apk',
    );
    expect(runner.calls).toEqual([]);
  });
});
