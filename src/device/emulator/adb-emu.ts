// Fallback injector: `adb -s emulator-N emu sms send …`. adb opens the console itself, sends
// `auth <token>` if ~/.emulator_console_auth_token is non-empty (untrimmed), the command, `quit`,
// then prints what the console wrote after the second "OK\r\n" (banner, auth), and exits 0
// even when the console said KO, so the output is what tells success from failure.
import { execFile } from 'node:child_process';
import { SmsgwError } from '../../errors';
import { ConsoleReplyError } from '../console/console-reply-error';
import { consoleDefaults } from '../console/defaults';
import { smsCommands, type SmsCommand } from '../console/sms-commands';
import type { CommandRunner } from './adb';

export interface AdbEmuOptions {
  /** The adb binary; default `adb` on PATH. */
  readonly adbPath?: string;
  /** Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Environment for adb (it reads the token from $HOME); default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Runs adb instead of execFile (tests script it; the emulator device shares its runner). */
  readonly runner?: Pick<CommandRunner, 'run'>;
  /** Concatenation reference when the SMS goes as PDUs, 0–255; default 0. */
  readonly reference?: number;
}

/** Reads adb's `emu` output: the last OK/KO line is the command's answer; no status line means OK. */
export function parseAdbEmuOutput(output: string): { ok: true } | { ok: false; reason: string } {
  const statuses = output.split(/\r?\n/).filter((line) => line === 'OK' || line.startsWith('KO'));
  const last = statuses.at(-1);
  if (last === undefined || last === 'OK') return { ok: true };
  // Every KO, not only the last: after a failed auth the last one is just "unknown command".
  return {
    ok: false,
    reason: statuses
      .filter((line) => line !== 'OK')
      .map((line) => line.replace(/^KO:\s*/, ''))
      .join('; '),
  };
}

/**
 * Injects one SMS through `adb emu`; rejects like ConsoleClient.sendSms. A sender `sms send` cannot
 * carry goes as `adb emu sms pdu`, one run per part, in order; the first KO ends it.
 */
export async function sendSmsViaAdb(
  serial: string,
  sender: string,
  text: string,
  options: AdbEmuOptions = {},
): Promise<void> {
  // adb takes the console port from the serial itself: any emulator-<port> works, no adb server needed.
  if (!/^emulator-\d+$/.test(serial))
    throw new SmsgwError('bad-option', `Expected \`serial\` to look like emulator-5554, got ${JSON.stringify(serial)}`);
  const commands = smsCommands(sender, text, { reference: options.reference ?? 0, timestampMs: Date.now() });
  for (const command of commands) {
    const output = await runAdbEmu(serial, command, options);
    const result = parseAdbEmuOutput(output);
    if (!result.ok) throw new ConsoleReplyError(command.join(' '), result.reason);
  }
}

/**
 * Runs one console command other than an SMS through `adb emu` (`network delay umts`): resolves with
 * the lines the console wrote before its OK, rejects with a ConsoleReplyError on KO.
 */
export async function runConsoleCommandViaAdb(
  serial: string,
  line: string,
  options: AdbEmuOptions = {},
): Promise<string[]> {
  if (!/^emulator-\d+$/.test(serial))
    throw new SmsgwError('bad-option', `Expected \`serial\` to look like emulator-5554, got ${JSON.stringify(serial)}`);
  const output = await runAdbEmu(serial, line.split(' '), options);
  const result = parseAdbEmuOutput(output);
  if (!result.ok) throw new ConsoleReplyError(line, result.reason);
  return output.split(/\r?\n/).filter((text) => text !== '' && text !== 'OK' && !text.startsWith('KO'));
}

/** Runs `adb -s <serial> emu <command…>` and returns what it printed. */
async function runAdbEmu(serial: string, command: SmsCommand, options: AdbEmuOptions): Promise<string> {
  const adb = options.adbPath ?? 'adb';
  const args = ['-s', serial, 'emu', ...command];
  if (options.runner) return runWith(options.runner, adb, args, serial, options.timeoutMs);
  return new Promise<string>((resolve, reject) => {
    execFile(
      adb,
      args,
      { timeout: options.timeoutMs ?? consoleDefaults.timeoutMs, env: options.env ?? process.env, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          return reject(
            new SmsgwError('environment', `adb was not found (tried ${JSON.stringify(adb)})`, {
              hint: 'install the Android SDK platform-tools (Debian: apt-get install adb) and put adb on PATH',
              cause: error,
            }),
          );
        }
        const why = error.killed
          ? `no answer within ${options.timeoutMs ?? consoleDefaults.timeoutMs} ms`
          : stderr.trim() || error.message;
        reject(
          new SmsgwError('device-unavailable', `adb could not reach the console of ${serial}: ${why}`, {
            hint: 'is the emulator running? `adb devices` lists it',
            cause: error,
          }),
        );
      },
    );
  });
}

async function runWith(
  runner: Pick<CommandRunner, 'run'>,
  adb: string,
  args: string[],
  serial: string,
  timeoutMs?: number,
): Promise<string> {
  const result = await runner.run(adb, args, timeoutMs ?? consoleDefaults.timeoutMs);
  if (result.code === 0) return result.stdout;
  // e.g. "error: device 'emulator-5554' not found": adb itself failed, the console never answered.
  throw new SmsgwError(
    'device-unavailable',
    `adb could not reach the console of ${serial}: ${(result.stderr || result.stdout).trim()}`,
    { hint: 'is the emulator running? `adb devices` lists it' },
  );
}
