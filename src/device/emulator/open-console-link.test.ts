import { describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/support/console-kit';
import { SmsgwError } from '../../errors';
import { scriptedKit, scriptedRunner } from './scripted-runner';
import { ConsoleReplyError } from '../console/console-reply-error';
import { openConsoleLink } from './open-console-link';

const send = 'adb -s emulator-5554 emu sms send +15551234567 hello';

describe('openConsoleLink', () => {
  it('falls back to adb emu when the console port refuses the connection, and says so once', async () => {
    const runner = scriptedRunner({ [send]: 'OK\r\n' });
    const lines: string[] = [];
    const link = await openConsoleLink({
      device: scriptedKit(runner).device('emulator-5554'),
      port: await closedPort(),
      log: (line) => lines.push(line),
    });
    await link.sendSms('+15551234567', 'hello');
    await link.sendSms('+15551234567', 'hello');
    await link.close();
    expect(runner.calls).toEqual([send, send]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/connection refused.*adb -s emulator-5554 emu sms send/);
  });

  it('turns a KO in adb output into the console KO the injector retries', async () => {
    const runner = scriptedRunner({
      [send]:
        "KO: authentication token does not match ~/.emulator_console_auth_token\r\nKO: unknown command, try 'help'\r\n",
    });
    const link = await openConsoleLink({
      device: scriptedKit(runner).device('emulator-5554'),
      port: await closedPort(),
    });
    const error = await link.sendSms('+15551234567', 'hello').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect((error as ConsoleReplyError).reason).toMatch(/authentication token does not match/);
  });

  it('answers a KO through adb with a console KO, and sends the same SMS again when asked', async () => {
    const runner = scriptedRunner({ [send]: ['KO: device is busy\r\n', 'OK\r\n'] });
    const link = await openConsoleLink({
      device: scriptedKit(runner).device('emulator-5554'),
      port: await closedPort(),
    });
    const error = await link.sendSms('+15551234567', 'hello').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect((error as ConsoleReplyError).reason).toMatch(/device is busy/);
    await expect(link.sendSms('+15551234567', 'hello')).resolves.toBeUndefined();
    expect(runner.calls).toEqual([send, send]);
  });

  it('reports adb failing to reach the emulator as no answer, not as a KO', async () => {
    const runner = scriptedRunner({ [send]: { code: 1, stderr: "error: device 'emulator-5554' not found\n" } });
    const link = await openConsoleLink({
      device: scriptedKit(runner).device('emulator-5554'),
      port: await closedPort(),
    });
    const error = await link.sendSms('+15551234567', 'hello').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error).not.toBeInstanceOf(ConsoleReplyError);
    expect((error as SmsgwError).message).toMatch(/device 'emulator-5554' not found/);
  });

  it('does not fall back when the console answered but refused, since adb would be refused too', async () => {
    const refused = new SmsgwError('device-unavailable', 'Console auth at 127.0.0.1:5554 failed: KO: bad token');
    const runner = scriptedRunner();
    await expect(
      openConsoleLink({
        device: scriptedKit(runner).device('emulator-5554'),
        port: 5554,
        connect: () => Promise.reject(refused),
      }),
    ).rejects.toBe(refused);
    expect(runner.calls).toEqual([]);
  });

  it('refuses sends after close', async () => {
    const link = await openConsoleLink({
      device: scriptedKit(scriptedRunner()).device('emulator-5554'),
      port: await closedPort(),
    });
    await link.close();
    await expect(link.sendSms('+15551234567', 'hello')).rejects.toThrow(/closed/);
  });
});
