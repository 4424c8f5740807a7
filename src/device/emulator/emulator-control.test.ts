import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SmsgwError } from '../../errors';
import {
  bootArguments,
  configureArguments,
  consolePortOf,
  parseBroadcastResult,
  parseMeminfo,
  shellQuote,
  withoutSecret,
  type CommandRunner,
} from './adb';
import type { AdbKit } from './adb-kit';
import { bootEmulator, prepareApp, requireSdk, type EmulatorEnvironment } from './emulator-control';
import { scriptedKit, scriptedRunner } from './scripted-runner';

const sdkFiles = ['/sdk', '/sdk/emulator/emulator', '/sdk/platform-tools/adb'];
const environment = (runner: CommandRunner, files = sdkFiles): EmulatorEnvironment => ({
  runner,
  adbKit: async (adbPath) => scriptedKit(runner, adbPath),
  env: { ANDROID_HOME: '/sdk' },
  home: '/home/q',
  exists: (path) => files.includes(path),
  sleep: async () => undefined,
});
const kit = (runner: CommandRunner): AdbKit => scriptedKit(runner);

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

  it('configures the app by a broadcast to its shell-only receiver, each value quoted for the device shell', () => {
    const args = configureArguments('emulator-5554', 'http://127.0.0.1:8080/webhook?a=1&b=2', "s&cr'et");
    expect(args).toEqual([
      '-s',
      'emulator-5554',
      'shell',
      'am',
      'broadcast',
      '-a',
      'dev.smsgw.gateway.action.CONFIGURE',
      '-n',
      'dev.smsgw.gateway/.config.ConfigureReceiver',
      '--include-stopped-packages',
      '--es',
      'webhook',
      `'http://127.0.0.1:8080/webhook?a=1&b=2'`,
      '--es',
      'secret',
      `'s&cr'\\''et'`,
    ]);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(configureArguments('emulator-5554', 'http://h/', null)).not.toContain('secret');
  });

  it('hands the webhook and secret to the device shell intact, as adb joins them into one line', () => {
    const webhook = 'http://127.0.0.1:8080/webhook?a=1&b=$HOME;x`id`';
    const secret = `it's "a" $(secret) & more\\`;
    const [, , , ...command] = configureArguments('emulator-5554', webhook, secret);
    // The device's shell is POSIX sh: printf stands in for am and prints each argument it receives.
    const line = ['printf', "'[%s]\\n'", ...command.slice(1)].join(' ');
    const printed = execFileSync('sh', ['-c', line], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(printed.slice(-5)).toEqual(['[webhook]', `[${webhook}]`, '[--es]', '[secret]', `[${secret}]`]);
  });

  it('shows a configure command without its secret', () => {
    const args = configureArguments('emulator-5554', 'http://h/', 'hunter2');
    expect(withoutSecret(args).join(' ')).toBe(
      "-s emulator-5554 shell am broadcast -a dev.smsgw.gateway.action.CONFIGURE -n dev.smsgw.gateway/.config.ConfigureReceiver --include-stopped-packages --es webhook 'http://h/' --es secret <secret>",
    );
  });

  it('reads the result am broadcast prints, with or without data', () => {
    expect(
      parseBroadcastResult(
        'Broadcasting: Intent { act=dev.smsgw.gateway.action.CONFIGURE flg=0x400010 cmp=dev.smsgw.gateway/.config.ConfigureReceiver (has extras) }\nBroadcast completed: result=1, data="stored"\n',
      ),
    ).toEqual({ code: 1, data: 'stored' });
    expect(parseBroadcastResult('Broadcasting: Intent { … }\r\nBroadcast completed: result=0\r\n')).toEqual({
      code: 0,
      data: null,
    });
    expect(parseBroadcastResult('error: device offline')).toBeNull();
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
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the emulator headless and waits until adb finds it booted', async () => {
    const runner = scriptedRunner({
      '/sdk/emulator/emulator -list-avds': 'smsgw\n',
      '/sdk/platform-tools/adb -s emulator-5554 shell getprop sys.boot_completed': '1\n',
    });
    const serial = await bootEmulator(environment(runner), { port: 5554, timeoutMs: 60_000, logPath: '/tmp/emu.log' });
    expect(serial).toBe('emulator-5554');
    expect(runner.calls).toEqual([
      '/sdk/emulator/emulator -list-avds',
      'spawn /sdk/emulator/emulator -avd smsgw -no-window -no-audio -no-boot-anim -no-snapshot -port 5554 > /tmp/emu.log',
      '/sdk/platform-tools/adb -s emulator-5554 shell getprop sys.boot_completed',
    ]);
  });

  it('says it is still waiting every 5 s of a long boot, and no more once booted', async () => {
    vi.useFakeTimers();
    const runner = scriptedRunner({ '/sdk/emulator/emulator -list-avds': 'smsgw\n' });
    const booting: AdbKit = {
      ...scriptedKit(runner),
      device: (serial) => ({
        ...scriptedKit(runner).device(serial),
        waitForBoot: () => new Promise((resolve) => setTimeout(() => resolve(true), 12_000)),
      }),
    };
    const progress: string[] = [];
    const booted = bootEmulator(
      { ...environment(runner), adbKit: async () => booting },
      { port: 5554, timeoutMs: 60_000, logPath: '/tmp/emu.log', onProgress: (line) => progress.push(line) },
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await booted).toBe('emulator-5554');
    expect(progress).toEqual([
      'waiting for smsgw (emulator-5554) to boot… 5s',
      'waiting for smsgw (emulator-5554) to boot… 10s',
    ]);
  });

  it('names the AVDs it has when asked for one that does not exist', async () => {
    const runner = scriptedRunner({ '/sdk/emulator/emulator -list-avds': 'Pixel_7\n' });
    await expect(
      bootEmulator(environment(runner), { avd: 'nope', port: 5554, timeoutMs: 1, logPath: '/tmp/x' }),
    ).rejects.toThrow('No AVD named "nope" (have: Pixel_7)');
  });

  it('gives up with exit-3 advice when the boot does not complete in time', async () => {
    const runner = scriptedRunner({ '/sdk/emulator/emulator -list-avds': 'smsgw\n' });
    const error = await bootEmulator(environment(runner), {
      port: 5554,
      timeoutMs: 5_000,
      logPath: '/tmp/emu.log',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).exitCode).toBe(3);
    expect((error as SmsgwError).message).toBe('smsgw did not finish booting within 5s');
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
  const broadcast = `adb -s emulator-5554 shell am broadcast -a dev.smsgw.gateway.action.CONFIGURE -n dev.smsgw.gateway/.config.ConfigureReceiver --include-stopped-packages --es webhook 'http://127.0.0.1:8080/webhook'`;
  const broadcasting =
    'Broadcasting: Intent { act=dev.smsgw.gateway.action.CONFIGURE flg=0x400010 cmp=dev.smsgw.gateway/.config.ConfigureReceiver (has extras) }\n';
  const stored = `${broadcasting}Broadcast completed: result=1, data="stored"\n`;

  it('installs, grants SMS, exempts from battery optimisation, reverses the stub port, configures the app over adb and opens it, in that order', async () => {
    const runner = scriptedRunner({ [`${broadcast} --es secret 's'`]: stored });
    await prepareApp(environment(runner, [...sdkFiles, '/out/app.apk']), kit(runner), {
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
      `${broadcast} --es secret 's'`,
      'adb -s emulator-5554 shell am start -W -n dev.smsgw.gateway/.MainActivity',
    ]);
    expect(runner.calls.join('\n')).not.toMatch(/smsgw:\/\/configure/);
  });

  it('sends no secret when the stub has none, so the app keeps its own', async () => {
    const runner = scriptedRunner({ [broadcast]: stored });
    await prepareApp(environment(runner), kit(runner), {
      serial: 'emulator-5554',
      webhookUrl: 'http://127.0.0.1:8080/webhook',
      secret: null,
    });
    expect(runner.calls).toEqual([
      'adb -s emulator-5554 shell pm grant dev.smsgw.gateway android.permission.RECEIVE_SMS',
      'adb -s emulator-5554 shell dumpsys deviceidle whitelist +dev.smsgw.gateway',
      broadcast,
      'adb -s emulator-5554 shell am start -W -n dev.smsgw.gateway/.MainActivity',
    ]);
  });

  it('fails naming an outdated APK when no receiver stored the configuration, without the secret', async () => {
    const command = `${broadcast} --es secret 't&p s3cret'`;
    const runner = scriptedRunner({ [command]: `${broadcasting}Broadcast completed: result=0\n` });
    const error = await prepareApp(environment(runner), kit(runner), {
      serial: 'emulator-5554',
      webhookUrl: 'http://127.0.0.1:8080/webhook',
      secret: 't&p s3cret',
    }).catch((caught: SmsgwError) => caught);
    expect(runner.calls.at(-1)).toBe(command);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe(
      'configuring the app failed on emulator-5554: no receiver stored it (result=0): the installed APK predates ConfigureReceiver',
    );
    expect(error?.hint).toContain('--es secret <secret>');
    expect(`${error?.message} ${error?.hint}`).not.toMatch(/s3cret/);
  });

  it('says why when the app refuses the configuration', async () => {
    const runner = scriptedRunner({
      [broadcast]: `${broadcasting}Broadcast completed: result=2, data="expected an http(s) webhook URL, got x"\n`,
    });
    await expect(
      prepareApp(environment(runner), kit(runner), {
        serial: 'emulator-5554',
        webhookUrl: 'http://127.0.0.1:8080/webhook',
      }),
    ).rejects.toThrow('the app refused the configuration: expected an http(s) webhook URL, got x');
  });

  it('keeps the webhook secret out of the hint when adb itself fails', async () => {
    const command = `${broadcast} --es secret 's3cret'`;
    const runner = scriptedRunner({ [command]: 'Error: device offline' });
    const error = await prepareApp(environment(runner), kit(runner), {
      serial: 'emulator-5554',
      webhookUrl: 'http://127.0.0.1:8080/webhook',
      secret: 's3cret',
    }).catch((caught: SmsgwError) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error?.hint).toContain('--es secret <secret>');
    expect(`${error?.message} ${error?.hint}`).not.toMatch(/s3cret/);
  });

  it('names the step, what adb said and the command to retry when the install fails, and goes no further', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 install -r -g /out/app.apk': {
        code: 1,
        stderr: 'adb: failed to install /out/app.apk: Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE]\n',
      },
    });
    const error = await prepareApp(environment(runner, [...sdkFiles, '/out/app.apk']), kit(runner), {
      serial: 'emulator-5554',
      apk: '/out/app.apk',
    }).catch((caught: SmsgwError) => caught);
    expect([error?.code, error?.message, error?.hint]).toEqual([
      'device-unavailable',
      'installing the APK failed on emulator-5554: adb: failed to install /out/app.apk: Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE]',
      'run: adb -s emulator-5554 install -r -g /out/app.apk',
    ]);
    expect(runner.calls).toEqual(['adb -s emulator-5554 install -r -g /out/app.apk']);
  });

  it('refuses an APK path that does not exist, before running anything', async () => {
    const runner = scriptedRunner();
    await expect(
      prepareApp(environment(runner), kit(runner), { serial: 'emulator-5554', apk: '/nope.apk' }),
    ).rejects.toThrow('No APK at /nope.apk');
    expect(runner.calls).toEqual([]);
  });
});
