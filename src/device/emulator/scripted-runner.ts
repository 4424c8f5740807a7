// Test helpers: a CommandRunner that records every command line and answers from a script keyed by
// that line, with outputs captured from real adb runs (an unscripted line answers empty, exit 0; a
// detached start, the emulator, is recorded in the same list as `spawn <line> > <log>`, so its order
// shows), and an AdbKit over it: each call records and answers the adb command line it stands for,
// the lines adb-kit.test.ts sees appium-adb run.
import type { CommandOutput, CommandRunner } from './adb';
import type { AdbDevice, AdbKit, DeviceAdb } from './adb-kit';

export type ScriptedAnswer = string | Partial<CommandOutput>;

export function scriptedRunner(
  answers: Record<string, ScriptedAnswer | ScriptedAnswer[]> = {},
): CommandRunner & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(command, args): Promise<CommandOutput> {
      const line = [command, ...args].join(' ');
      calls.push(line);
      const scripted = answers[line];
      // A list answers in turn; its last answer repeats.
      const answer = Array.isArray(scripted) ? (scripted.length > 1 ? scripted.shift() : scripted[0]) : scripted;
      const output = typeof answer === 'string' ? { stdout: answer } : (answer ?? {});
      return { code: output.code ?? 0, stdout: output.stdout ?? '', stderr: output.stderr ?? '' };
    },
    async spawnDetached(command, args, logPath) {
      calls.push(`spawn ${[command, ...args].join(' ')} > ${logPath}`);
      return 4242;
    },
  };
}

/** The devices of a scripted `adb devices -l` answer. */
function listed(output: string): AdbDevice[] {
  return output
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.startsWith('List of devices') && !line.startsWith('*'))
    .map((line) => {
      const [serial = '', state = '', ...rest] = line.trim().split(/\s+/);
      const model = rest.find((part) => part.startsWith('model:'))?.slice('model:'.length);
      return { serial, state, ...(model ? { model } : {}) };
    });
}

/** `runner`'s answers as adb-kit's: waitForBoot is one `getprop sys.boot_completed`, true when it says 1. */
export function scriptedKit(runner: CommandRunner, adb = 'adb'): AdbKit {
  const device = (serial: string): DeviceAdb => {
    const run = (args: readonly string[]) => runner.run(adb, ['-s', serial, ...args]);
    // Like adb-kit: a step rejects with adb's own words.
    const step = async (args: readonly string[]): Promise<void> => {
      const output = await run(args);
      if (output.code !== 0 || /Failure|Error:/.test(output.stdout))
        throw new Error((output.stderr || output.stdout).trim());
    };
    return {
      serial,
      shell: (args) => run(['shell', ...args]),
      emu: (words) => run(['emu', ...words]),
      install: (apk) => step(['install', '-r', '-g', apk]),
      grantPermission: (pkg, permission) => step(['shell', 'pm', 'grant', pkg, permission]),
      exemptFromDoze: (pkg) => step(['shell', 'dumpsys', 'deviceidle', 'whitelist', `+${pkg}`]),
      reverse: (port) => step(['reverse', `tcp:${port}`, `tcp:${port}`]),
      waitForBoot: async () => (await run(['shell', 'getprop', 'sys.boot_completed'])).stdout.trim() === '1',
    };
  };
  return {
    devices: async () => listed((await runner.run(adb, ['devices', '-l'])).stdout),
    device,
  };
}
