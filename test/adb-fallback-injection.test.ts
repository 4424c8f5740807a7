// The injector over the `adb emu` fallback: a KO that adb prints must reach the injector as the same
// console KO it retries, or an emulator without a console port would lose every busy SMS.
import { describe, expect, it } from 'vitest';
import { closedPort } from './support/console-kit';
import { openConsoleLink } from '../src/device/emulator/open-console-link';
import { scriptedKit, scriptedRunner } from '../src/device/emulator/scripted-runner';
import { createMemoryInjectionLog, inject } from '../src/injection/injector';

const send = 'adb -s emulator-5554 emu sms send +15551234567 hello';

describe('injecting through the adb emu fallback', () => {
  it('retries a KO that adb printed like a console KO, and counts the SMS once it goes through', async () => {
    const runner = scriptedRunner({ [send]: ['KO: device is busy\r\n', 'OK\r\n'] });
    const link = await openConsoleLink({
      device: scriptedKit(runner).device('emulator-5554'),
      port: await closedPort(),
    });
    const log = createMemoryInjectionLog();
    await inject(link, [{ sender: '+15551234567', text: 'hello', atMs: 0 }], log);
    expect(runner.calls).toEqual([send, send]);
    expect([log.injections.length, log.refusals.length, log.inDoubts.length]).toEqual([1, 0, 0]);
  });
});
