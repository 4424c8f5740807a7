// Fallback injector: `adb -s emulator-N emu sms send …`. adb opens the console itself, sends
// `auth <token>` if ~/.emulator_console_auth_token is non-empty (untrimmed), the command, `quit`,
// then prints what the console wrote after the second "OK\r\n" (banner, auth), and exits 0
// even when the console said KO, so the output is what tells success from failure.
import { execFile } from 'node:child_process';
import { SmsgwError } from '../../errors';
import { ConsoleReplyError } from './console-reply-error';
import { isValidPhoneNumber } from './console-protocol';
import { consoleDefaults } from './defaults';
import { escapeSmsText } from './sms-text-escape';
import type { CommandRunner } from '../emulator/adb';

export interface AdbEmuOptions {
  /** The adb binary; default `adb` on PATH. */
  readonly adbPath?: string;
  /** Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Environment for adb (it reads the token from $HOME); default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Runs adb instead of execFile (tests script it; the emulator device shares its runner). */
  readonly runner?: Pick<CommandRunner, 'run'>;
}

/** Reads adb's `emu` output: the last OK/KO line is the command's answer; no status line means OK. */
export function parseAdbEmuOutput(output: string): { ok: true } | { ok: false; reason: string } {
  const statuses = output.split(/\r?\n/).filter((line) => line === 'OK' || line.startsWith('KO'));
  const last = statuses.at(-1);
  if (last === undefined || last === 'OK') return { ok: true };
  // Every KO, not only the last: after a failed auth the last one is just "unknown command".
  return { ok: false, reason: statuses.filter((line) => line !== 'OK').map((line) => line.replace(/^KO:\s*/, '')).join('; ') };
}

/** Injects one SMS through `adb emu`; rejects like ConsoleClient.sendSms. */
export async function sendSmsViaAdb(serial: string, sender: string, text: string, options: AdbEmuOptions = {}): Promise<void> {
  // adb takes the console port from the serial itself: any emulator-<port> works, no adb server needed.
  if (!/^emulator-\d+$/.test(serial)) throw new SmsgwError('bad-option', `Expected \`serial\` to look like emulator-5554, got ${JSON.stringify(serial)}`);
  if (!isValidPhoneNumber(sender)) throw new SmsgwError('bad-option', `Expected \`sender\` to be a phone number of the form [+](0-9)*, got ${JSON.stringify(sender)}`);
  const escaped = escapeSmsText(text);
  const command = `sms send ${sender} ${escaped}`;
  if (command.length > consoleDefaults.maxLineBytes) {
    throw new SmsgwError('bad-option', `SMS text too long for one console line: ${command.length} bytes after escaping, the console takes ${consoleDefaults.maxLineBytes}`);
  }
  const adb = options.adbPath ?? 'adb';
  const args = ['-s', serial, 'emu', 'sms', 'send', sender, escaped];
  const output = options.runner ? await runWith(options.runner, adb, args, serial, options.timeoutMs) : await new Promise<string>((resolve, reject) => {
    execFile(
      adb,
      args,
      { timeout: options.timeoutMs ?? consoleDefaults.timeoutMs, env: options.env ?? process.env, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          return reject(new SmsgwError('environment', `adb was not found (tried ${JSON.stringify(adb)})`, { hint: 'install the Android SDK platform-tools (Debian: apt-get install adb) and put adb on PATH', cause: error }));
        }
        const why = error.killed ? `no answer within ${options.timeoutMs ?? consoleDefaults.timeoutMs} ms` : stderr.trim() || error.message;
        reject(new SmsgwError('device-unavailable', `adb could not reach the console of ${serial}: ${why}`, { hint: 'is the emulator running? `adb devices` lists it', cause: error }));
      },
    );
  });
  const result = parseAdbEmuOutput(output);
  if (!result.ok) throw new ConsoleReplyError(command, result.reason);
}

async function runWith(runner: Pick<CommandRunner, 'run'>, adb: string, args: string[], serial: string, timeoutMs?: number): Promise<string> {
  const result = await runner.run(adb, args, timeoutMs ?? consoleDefaults.timeoutMs);
  if (result.code === 0) return result.stdout;
  // e.g. "error: device 'emulator-5554' not found": adb itself failed, the console never answered.
  throw new SmsgwError('device-unavailable', `adb could not reach the console of ${serial}: ${(result.stderr || result.stdout).trim()}`, { hint: 'is the emulator running? `adb devices` lists it' });
}
