import { describe, expect, it } from 'vitest';
import type { EmulatorEnvironment } from './emulator-control';
import { cutPower, findEmulatorPower, parseAvdName, type PowerTarget } from './emulator-power';
import { scriptedKit, scriptedRunner, type ScriptedAnswer } from './scripted-runner';

const sdkFiles = ['/sdk', '/sdk/emulator/emulator', '/sdk/platform-tools/adb'];
const adb = '/sdk/platform-tools/adb';

const environment = (answers: Record<string, ScriptedAnswer | ScriptedAnswer[]>) => {
  const runner = scriptedRunner(answers);
  const env: EmulatorEnvironment = {
    runner,
    adbKit: async (adbPath) => scriptedKit(runner, adbPath),
    env: { ANDROID_HOME: '/sdk' },
    home: '/home/u',
    exists: (path) => sdkFiles.includes(path),
  };
  return { runner, env };
};

const target = (answers: Record<string, ScriptedAnswer | ScriptedAnswer[]>): PowerTarget & { calls: string[] } => {
  const runner = scriptedRunner(answers);
  return {
    calls: runner.calls,
    runner,
    kit: scriptedKit(runner),
    serial: 'emulator-5554',
    consolePort: 5554,
    power: { avd: 'Pixel_7_API_34', emulator: '/sdk/emulator/emulator', logPath: '/run/emulator.log' },
    sleep: async () => undefined,
  };
};

describe('emulator power', () => {
  it('reads the AVD name adb prints before the console OK, and nothing from a KO', () => {
    expect(parseAvdName('Pixel_7_API_34\r\nOK\r\n')).toBe('Pixel_7_API_34');
    expect(parseAvdName('KO: unknown command\r\n')).toBeNull();
    expect(parseAvdName('OK\r\n')).toBeNull();
  });

  it('knows how to boot a running emulator again from the AVD its console names', async () => {
    const { runner, env } = environment({ [`${adb} -s emulator-5556 emu avd name`]: 'Pixel_7_API_34\r\nOK\r\n' });
    const power = await findEmulatorPower(env, scriptedKit(runner, adb), 'emulator-5556', {
      logPath: '/run/emulator.log',
      reversePort: 41234,
    });
    expect(power).toEqual({
      avd: 'Pixel_7_API_34',
      emulator: '/sdk/emulator/emulator',
      logPath: '/run/emulator.log',
      reversePort: 41234,
    });
    expect(runner.calls).toEqual([`${adb} -s emulator-5556 emu avd name`]);
  });

  it('knows no power loss for an emulator whose console does not name its AVD', async () => {
    const { runner, env } = environment({
      [`${adb} -s emulator-5556 emu avd name`]: { code: 1, stderr: 'error: closed' },
    });
    expect(
      await findEmulatorPower(env, scriptedKit(runner, adb), 'emulator-5556', { logPath: '/run/emulator.log' }),
    ).toBeUndefined();
  });

  it('gives up when the emulator is still listed 30 s after its console took `kill`', async () => {
    const power = target({ 'adb devices -l': 'List of devices attached\nemulator-5554\toffline\n\n' });
    await expect(cutPower(power)).rejects.toMatchObject({
      code: 'device-unavailable',
      message: "emulator-5554 was still running 30s after its console's `kill`",
    });
    expect(power.calls.filter((line) => line === 'adb devices -l')).toHaveLength(61);
  });

  it('stops at once when the console refuses `kill`', async () => {
    const power = target({ 'adb -s emulator-5554 emu kill': 'KO: permission denied\r\n' });
    await expect(cutPower(power)).rejects.toThrow('The console of emulator-5554 refused `kill`: permission denied');
    expect(power.calls).toEqual(['adb -s emulator-5554 emu kill']);
  });

  it('returns as soon as adb no longer lists the emulator', async () => {
    const power = target({ 'adb devices -l': 'List of devices attached\n\n' });
    await cutPower(power);
    expect(power.calls).toEqual(['adb -s emulator-5554 emu kill', 'adb devices -l']);
  });
});
