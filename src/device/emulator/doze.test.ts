import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import type { HealthScraper } from '../core/health-scraper';
import { setEmulatorDoze } from './doze';
import { EmulatorDevice } from './emulator-device';
import { scriptedKit, scriptedRunner } from './scripted-runner';

const shell = 'adb -s emulator-5554 shell';
const noScreen: HealthScraper = { scrape: async () => ({}), close: async () => undefined };

describe('Doze on an emulator', () => {
  it('puts the emulator on battery, then forces deep idle, and ends it with unforce and a battery reset', async () => {
    const runner = scriptedRunner({
      // What an API 34 emulator prints.
      [`${shell} dumpsys deviceidle force-idle`]: 'Now forced in to deep idle mode\n',
      [`${shell} dumpsys deviceidle unforce`]: 'Light state: ACTIVE, deep state: ACTIVE\n',
    });
    const device = new EmulatorDevice({ serial: 'emulator-5554', kit: scriptedKit(runner), runner, scraper: noScreen });
    await device.setDoze(true);
    await device.setDoze(false);
    expect(runner.calls).toEqual([
      `${shell} dumpsys battery unplug`,
      `${shell} dumpsys deviceidle force-idle`,
      `${shell} dumpsys deviceidle unforce`,
      `${shell} dumpsys battery reset`,
    ]);
  });

  it('fails the step, says why and puts the battery back when the device will not go into deep idle', async () => {
    const runner = scriptedRunner({
      [`${shell} dumpsys deviceidle force-idle`]: 'Unable to go deep idle; not enabled\n',
    });
    const error = await setEmulatorDoze(scriptedKit(runner).device('emulator-5554'), true).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).message).toBe(
      'emulator-5554 did not go into Doze: Unable to go deep idle; not enabled',
    );
    expect(runner.calls.at(-1)).toBe(`${shell} dumpsys battery reset`);
  });

  it('fails when adb cannot reach the device, naming the command', async () => {
    const runner = scriptedRunner({
      [`${shell} dumpsys battery unplug`]: { code: 1, stderr: "error: device 'emulator-5554' not found\n" },
    });
    await expect(setEmulatorDoze(scriptedKit(runner).device('emulator-5554'), true)).rejects.toThrow(
      "`dumpsys battery unplug` failed on emulator-5554: error: device 'emulator-5554' not found",
    );
    expect(runner.calls).toHaveLength(1);
  });
});
