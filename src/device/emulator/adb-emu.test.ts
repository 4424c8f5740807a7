import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWithTools } from '../../../test/support/require-tool';
import { SmsgwError } from '../../errors';
import type { CommandOutput } from './adb';
import { parseAdbEmuOutput, runConsoleCommandViaAdb, sendSmsViaAdb } from './adb-emu';
import { loadAdbKit, type DeviceAdb } from './adb-kit';
import { scriptedKit, scriptedRunner } from './scripted-runner';
import { ensureConsoleAuthToken } from '../console/auth-token';
import { ConsoleReplyError } from '../console/console-reply-error';
import { startConsoleServer, type ConsoleServer } from '../console/console-server';

describe('parseAdbEmuOutput', () => {
  it('reads no output as OK: without auth adb swallows the banner OK and the command OK', () => {
    expect(parseAdbEmuOutput('')).toEqual({ ok: true });
  });

  it('reads a final OK as OK, even after a KO for a stray empty line', () => {
    expect(parseAdbEmuOutput('OK\r\n')).toEqual({ ok: true });
    expect(parseAdbEmuOutput("KO: unknown command, try 'help'\r\nOK\r\n")).toEqual({ ok: true });
  });

  it('reports every KO when the last status is KO', () => {
    expect(
      parseAdbEmuOutput(
        "KO: authentication token does not match ~/.emulator_console_auth_token\r\nKO: unknown command, try 'help'\r\n",
      ),
    ).toEqual({
      ok: false,
      reason: "authentication token does not match ~/.emulator_console_auth_token; unknown command, try 'help'",
    });
  });
});

const servers: ConsoleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A console on a classic emulator port (even, 5554..5682), or on any port the OS picks when `anyPort`. */
async function openConsole(
  authToken: string | null,
  anyPort = false,
): Promise<{ serial: string; sms: Array<[string, string]> }> {
  const sms: Array<[string, string]> = [];
  const options = {
    authToken,
    avdName: 'adb_test',
    onSms: async (sender: string, text: string) => void sms.push([sender, text]),
  };
  const first = 5554 + 2 * Math.floor(Math.random() * 60);
  for (let attempt = 0; ; attempt += 1) {
    const port = anyPort ? 0 : 5554 + ((first - 5554 + 2 * attempt) % 130);
    try {
      const server = await startConsoleServer({ ...options, port });
      servers.push(server);
      return { serial: `emulator-${server.port}`, sms };
    } catch (error) {
      if (attempt > 64 || !(error instanceof SmsgwError && error.code === 'port-unavailable')) throw error;
    }
  }
}

/** adb-kit (appium-adb) on the real adb, run with `env`. */
const realDevice = async (adb: string, serial: string, env: NodeJS.ProcessEnv): Promise<DeviceAdb> =>
  (await loadAdbKit(adb, env)).device(serial);

/** An adb-kit whose adb answers each `emu` run from `answers`, in turn, and records its arguments. */
function answering(answers: string[]): { device: (serial: string) => DeviceAdb; calls: string[][] } {
  const calls: string[][] = [];
  const runner = {
    ...scriptedRunner(),
    run: async (_adb: string, args: readonly string[]): Promise<CommandOutput> => (
      calls.push([...args]),
      { code: 0, stdout: answers.shift() ?? '', stderr: '' }
    ),
  };
  return { device: (serial) => scriptedKit(runner).device(serial), calls };
}

/** A fresh $HOME for adb, with the given ~/.emulator_console_auth_token content (none when undefined). */
function home(token?: string): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-adb-home-'));
  if (token !== undefined) writeFileSync(join(dir, '.emulator_console_auth_token'), token);
  return { ...process.env, HOME: dir };
}

describeWithTools(['adb'], 'with the real adb', ({ adb }) => {
  it('delivers `adb -s emulator-<port> emu sms send +15551234 "hello"` to onSms', async () => {
    const { serial, sms } = await openConsole(null);
    const { stdout } = await promisify(execFile)(adb, ['-s', serial, 'emu', 'sms', 'send', '+15551234', 'hello'], {
      env: home(),
    });
    expect(sms).toEqual([['+15551234', 'hello']]);
    expect(stdout).toBe(''); // adb prints what follows the second OK: here nothing
  });

  it('authenticates with the token adb reads from $HOME/.emulator_console_auth_token', async () => {
    const { serial, sms } = await openConsole('Bakox7Ngcdg0jJ6a');
    const { stdout } = await promisify(execFile)(adb, ['-s', serial, 'emu', 'sms', 'send', '+15551234', 'hello'], {
      env: home('Bakox7Ngcdg0jJ6a'),
    });
    expect(sms).toEqual([['+15551234', 'hello']]);
    expect(stdout).toBe('OK\r\n');
  });

  it('prints only the OK of the SMS with a token file the device created itself, no KO before it', async () => {
    const env = home();
    const { token } = ensureConsoleAuthToken(join(env.HOME!, '.emulator_console_auth_token'));
    const { serial, sms } = await openConsole(token);
    const { stdout } = await promisify(execFile)(adb, ['-s', serial, 'emu', 'sms', 'send', '+15551234', 'hello'], {
      env,
    });
    expect(stdout).toBe('OK\r\n');
    expect(sms).toEqual([['+15551234', 'hello']]);
  });

  it('still delivers when the token file ends with a newline, which adb sends untrimmed', async () => {
    const { serial, sms } = await openConsole('Bakox7Ngcdg0jJ6a');
    await sendSmsViaAdb(await realDevice(adb, serial, home('Bakox7Ngcdg0jJ6a\n')), '+15551234', 'hello');
    expect(sms).toEqual([['+15551234', 'hello']]);
  });

  it('rejects with the console reason when adb holds the wrong token', async () => {
    const { serial, sms } = await openConsole('right');
    const error = await sendSmsViaAdb(await realDevice(adb, serial, home('wrong')), '+15551234', 'hello').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect((error as ConsoleReplyError).reason).toContain('authentication token does not match');
    expect(sms).toEqual([]);
  });

  it('round-trips spaces, newlines and emoji on any console port, not only 5554..5682', async () => {
    const { serial, sms } = await openConsole(null, true);
    const text = '  hello  world\n😀 \\ café\r\t';
    await sendSmsViaAdb(await realDevice(adb, serial, home()), '+15551234', text);
    expect(sms).toEqual([['+15551234', text]]);
  });

  it('turns connection refused into device-unavailable', async () => {
    const { serial } = await openConsole(null, true);
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await expect(sendSmsViaAdb(await realDevice(adb, serial, home()), '1', 'hi')).rejects.toMatchObject({
      code: 'device-unavailable',
      message: expect.stringContaining('could not connect to TCP port'),
    });
  });
});

describe('sendSmsViaAdb', () => {
  it('says clearly when adb is missing', async () => {
    const device = await realDevice('/nonexistent/adb', 'emulator-5554', process.env);
    await expect(sendSmsViaAdb(device, '1', 'hi')).rejects.toMatchObject({
      code: 'environment',
      message: 'adb was not found (tried "/nonexistent/adb")',
    });
  });

  it('sends an alphanumeric sender as one `adb emu sms pdu` per part, and stops at the first KO', async () => {
    const { device, calls } = answering(['OK\r\n', 'KO: badly formatted <hexstring>\r\n']);
    await expect(sendSmsViaAdb(device('emulator-5554'), 'BANK', 'z'.repeat(400), 7)).rejects.toMatchObject({
      reason: 'badly formatted <hexstring>',
    });
    expect(calls).toHaveLength(2);
    for (const args of calls) expect(args.slice(0, 5)).toEqual(['-s', 'emulator-5554', 'emu', 'sms', 'pdu']);
    // UDH: concatenation, reference 7, 3 parts, parts 1 and 2.
    expect(calls.map((args) => /050003(..)(..)(..)/.exec(args[5]!)?.slice(1))).toEqual([
      ['07', '03', '01'],
      ['07', '03', '02'],
    ]);
  });

  it('refuses a serial that is not an emulator, since adb takes the console port from it', async () => {
    const { device, calls } = answering([]);
    await expect(sendSmsViaAdb(device('R58M123ABC'), '1', 'hi')).rejects.toMatchObject({ code: 'bad-option' });
    expect(calls).toEqual([]);
  });
});

describe('runConsoleCommandViaAdb', () => {
  it("runs a chaos step's console command as `adb emu` words and returns the lines before its OK", async () => {
    const status = [
      'Current network status:',
      '  download speed:     384000 bits/s (46.9 KB/s)',
      '  upload speed:       384000 bits/s (46.9 KB/s)',
      '  minimum latency:  35 ms',
      '  maximum latency:  200 ms',
      'OK',
      '',
    ].join('\r\n');
    const { device, calls } = answering(['OK\r\n', status]);
    expect(await runConsoleCommandViaAdb(device('emulator-5554'), 'network delay umts')).toEqual([]);
    expect(await runConsoleCommandViaAdb(device('emulator-5554'), 'network status')).toEqual([
      'Current network status:',
      '  download speed:     384000 bits/s (46.9 KB/s)',
      '  upload speed:       384000 bits/s (46.9 KB/s)',
      '  minimum latency:  35 ms',
      '  maximum latency:  200 ms',
    ]);
    expect(calls).toEqual([
      ['-s', 'emulator-5554', 'emu', 'network', 'delay', 'umts'],
      ['-s', 'emulator-5554', 'emu', 'network', 'status'],
    ]);
  });

  it("rejects with the console's reason when it answers KO", async () => {
    const { device } = answering(["KO: invalid <delay> argument, see 'help network delay' for valid values\r\n"]);
    const error = await runConsoleCommandViaAdb(device('emulator-5554'), 'network delay fast').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect((error as ConsoleReplyError).reason).toBe(
      "invalid <delay> argument, see 'help network delay' for valid values",
    );
  });
});
