import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import type { CommandRunner } from './adb';
import { AppProcess, parseAmStart, parsePidof } from './app-process';
import { scriptedKit, scriptedRunner } from './scripted-runner';

const shell = 'adb -s emulator-5554 shell';
const amStartOk = [
  'Starting: Intent { cmp=dev.smsgw.gateway/.MainActivity }',
  'Status: ok',
  'LaunchState: COLD',
  'Activity: dev.smsgw.gateway/.MainActivity',
  'TotalTime: 1432',
  'WaitTime: 1436',
  'Complete',
  '',
].join('\n');
const amStartMissing =
  'Starting: Intent { cmp=dev.smsgw.gateway/.MainActivity }\nError type 3\nError: Activity class {dev.smsgw.gateway/dev.smsgw.gateway.MainActivity} does not exist.\n';
const noSleep = async () => undefined;
const appOn = (runner: CommandRunner, sleep?: (ms: number) => Promise<void>) =>
  new AppProcess(scriptedKit(runner).device('emulator-5554'), sleep);
/** `adb shell cat /proc/<pid>/status` of the app on an API 34 emulator, trimmed. */
const procStatus = (pid: number, hwmKib: number): string =>
  [
    `Name:\tdev.smsgw.gateway`,
    'State:\tS (sleeping)',
    `Pid:\t${pid}`,
    'VmPeak:\t15467236 kB',
    'VmSize:\t15201400 kB',
    `VmHWM:\t  ${hwmKib} kB`,
    'VmRSS:\t  152000 kB',
    'Threads:\t47',
    '',
  ].join('\n');

describe('parsing adb output', () => {
  it('reads the pids pidof prints, and none from its empty answer', () => {
    expect(parsePidof('4321\n')).toEqual([4321]);
    expect(parsePidof('4321 4388\n')).toEqual([4321, 4388]);
    expect(parsePidof('')).toEqual([]);
  });

  it('tells a failed am start by its Error line, though it printed "Starting:" and exited 0', () => {
    expect(parseAmStart(amStartOk)).toEqual({ ok: true });
    expect(parseAmStart(amStartMissing)).toEqual({
      ok: false,
      reason: 'Activity class {dev.smsgw.gateway/dev.smsgw.gateway.MainActivity} does not exist.',
    });
    expect(
      parseAmStart(
        'Starting: Intent { cmp=dev.smsgw.gateway/.MainActivity }\nError: Activity not started, unable to resolve Intent { flg=0x10000000 cmp=dev.smsgw.gateway/.MainActivity }\n',
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/^Activity not started/) });
  });
});

describe('AppProcess', () => {
  it('kills the app with kill -9 as its own user, like a crash', async () => {
    const runner = scriptedRunner({ [`${shell} pidof dev.smsgw.gateway`]: '4321\n' });
    await appOn(runner).kill();
    expect(runner.calls).toEqual([
      `${shell} pidof dev.smsgw.gateway`,
      `${shell} run-as dev.smsgw.gateway kill -9 4321`,
    ]);
  });

  it('falls back to am force-stop when the build is not debuggable', async () => {
    const runner = scriptedRunner({
      [`${shell} pidof dev.smsgw.gateway`]: '4321\n',
      [`${shell} run-as dev.smsgw.gateway kill -9 4321`]: {
        code: 1,
        stderr: 'run-as: package not debuggable: dev.smsgw.gateway\n',
      },
    });
    await appOn(runner).kill();
    expect(runner.calls.at(-1)).toBe(`${shell} am force-stop dev.smsgw.gateway`);
  });

  it('starts the main activity and waits until pidof answers', async () => {
    const runner = scriptedRunner({
      [`${shell} am start -W -n dev.smsgw.gateway/.MainActivity`]: amStartOk,
      [`${shell} pidof dev.smsgw.gateway`]: [{ code: 1 }, { code: 1 }, '5012\n'],
    });
    await appOn(runner, noSleep).start();
    expect(runner.calls.filter((line) => line.endsWith('pidof dev.smsgw.gateway'))).toHaveLength(3);
  });

  it('fails with the Error line when the activity does not start', async () => {
    const runner = scriptedRunner({ [`${shell} am start -W -n dev.smsgw.gateway/.MainActivity`]: amStartMissing });
    const error = (await appOn(runner, noSleep)
      .start()
      .then(
        () => null,
        (caught: unknown) => caught,
      )) as SmsgwError;
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error.message).toMatch(/does not exist/);
    expect(error.exitCode).toBe(3);
  });

  it('gives up when the app never gets a pid', async () => {
    const runner = scriptedRunner({
      [`${shell} am start -W -n dev.smsgw.gateway/.MainActivity`]: amStartOk,
      [`${shell} pidof dev.smsgw.gateway`]: { code: 1 },
    });
    await expect(appOn(runner, noSleep).start(1_000)).rejects.toThrow(/did not come up on emulator-5554 within 1s/);
  });

  it('switches Wi-Fi and mobile data, not airplane mode, so SMS still arrive', async () => {
    const runner = scriptedRunner();
    const app = appOn(runner);
    await app.setNetwork(false);
    await app.setNetwork(true);
    expect(runner.calls).toEqual([
      `${shell} svc wifi disable`,
      `${shell} svc data disable`,
      `${shell} svc wifi enable`,
      `${shell} svc data enable`,
    ]);
  });

  it('reads whether the app is installed from pm path', async () => {
    const installed = scriptedRunner({
      [`${shell} pm path dev.smsgw.gateway`]: 'package:/data/app/~~Xq1w==/dev.smsgw.gateway-Ab3==/base.apk\n',
    });
    expect(await appOn(installed).installed()).toBe(true);
    expect(await appOn(scriptedRunner({ [`${shell} pm path dev.smsgw.gateway`]: { code: 1 } })).installed()).toBe(
      false,
    );
  });

  it("reads the app's peak memory from the kernel: the highest VmHWM of its processes", async () => {
    const runner = scriptedRunner({
      [`${shell} pidof dev.smsgw.gateway`]: '4321 4388\n',
      [`${shell} cat /proc/4321/status`]: procStatus(4321, 201_000),
      [`${shell} cat /proc/4388/status`]: procStatus(4388, 48_000),
    });
    expect(await appOn(runner).peakRssBytes()).toBe(201_000 * 1024);
  });

  it("reads /proc as the app's own user when the shell may not", async () => {
    const runner = scriptedRunner({
      [`${shell} pidof dev.smsgw.gateway`]: '4321\n',
      [`${shell} cat /proc/4321/status`]: { code: 1, stderr: 'cat: /proc/4321/status: Permission denied\n' },
      [`${shell} run-as dev.smsgw.gateway cat /proc/4321/status`]: procStatus(4321, 201_000),
    });
    expect(await appOn(runner).peakRssBytes()).toBe(201_000 * 1024);
  });

  it('knows no peak when the app is not running, /proc cannot be read, or adb fails', async () => {
    const notRunning = scriptedRunner({ [`${shell} pidof dev.smsgw.gateway`]: { code: 1 } });
    expect(await appOn(notRunning).peakRssBytes()).toBeNull();
    const forbidden = scriptedRunner({
      [`${shell} pidof dev.smsgw.gateway`]: '4321\n',
      [`${shell} cat /proc/4321/status`]: { code: 1, stderr: 'cat: /proc/4321/status: Permission denied\n' },
      [`${shell} run-as dev.smsgw.gateway cat /proc/4321/status`]: {
        code: 1,
        stderr: 'run-as: package not debuggable: dev.smsgw.gateway\n',
      },
    });
    expect(await appOn(forbidden).peakRssBytes()).toBeNull();
    const broken = {
      ...scriptedRunner(),
      run: () => Promise.reject(new SmsgwError('environment', 'adb is not installed')),
    };
    expect(await appOn(broken).peakRssBytes()).toBeNull();
  });
});
