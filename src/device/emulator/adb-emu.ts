// Fallback injector: `adb -s emulator-N emu sms send …`. adb opens the console itself, sends
// `auth <token>` if ~/.emulator_console_auth_token is non-empty (untrimmed), the command, `quit`,
// then prints what the console wrote after the second "OK\r\n" (banner, auth), and exits 0
// even when the console said KO, so the output is what tells success from failure.
import { SmsgwError } from '../../errors';
import { ConsoleReplyError } from '../console/console-reply-error';
import { consoleDefaults } from '../console/defaults';
import { smsCommands } from '../console/sms-commands';
import { consolePortOf } from './adb';
import type { DeviceAdb } from './adb-kit';

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
 * carry goes as `adb emu sms pdu`, one run per part, in order; the first KO ends it. `reference` is
 * the concatenation reference when it goes as PDUs, 0–255.
 */
export async function sendSmsViaAdb(device: DeviceAdb, sender: string, text: string, reference = 0): Promise<void> {
  const commands = smsCommands(sender, text, { reference, timestampMs: Date.now() });
  for (const command of commands) {
    const result = parseAdbEmuOutput(await adbEmu(device, command));
    if (!result.ok) throw new ConsoleReplyError(command.join(' '), result.reason);
  }
}

/**
 * Runs one console command other than an SMS through `adb emu` (`network delay umts`): resolves with
 * the lines the console wrote before its OK, rejects with a ConsoleReplyError on KO.
 */
export async function runConsoleCommandViaAdb(device: DeviceAdb, line: string): Promise<string[]> {
  const output = await adbEmu(device, line.split(' '));
  const result = parseAdbEmuOutput(output);
  if (!result.ok) throw new ConsoleReplyError(line, result.reason);
  return output.split(/\r?\n/).filter((text) => text !== '' && text !== 'OK' && !text.startsWith('KO'));
}

/** Runs `adb -s <serial> emu <command…>` and returns what it printed. */
async function adbEmu(device: DeviceAdb, command: readonly string[]): Promise<string> {
  // adb takes the console port from the serial itself: any emulator-<port> works, no adb server needed.
  if (consolePortOf(device.serial) === null)
    throw new SmsgwError(
      'bad-option',
      `Expected \`serial\` to look like emulator-5554, got ${JSON.stringify(device.serial)}`,
    );
  const result = await device.emu(command, consoleDefaults.timeoutMs);
  if (result.code === 0) return result.stdout;
  // e.g. "error: could not connect to TCP port 5554": adb itself failed, the console never answered.
  throw new SmsgwError(
    'device-unavailable',
    `adb could not reach the console of ${device.serial}: ${(result.stderr || result.stdout).trim()}`,
    { hint: 'is the emulator running? `adb devices` lists it' },
  );
}
