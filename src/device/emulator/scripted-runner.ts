// Test helper: a CommandRunner that records every command line and answers from a script keyed by
// that line, with outputs captured from real adb runs. An unscripted line answers empty, exit 0. A
// detached start (the emulator) is recorded in the same list as `spawn <line> > <log>`, so its order shows.
import type { CommandOutput, CommandRunner } from './adb';

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
