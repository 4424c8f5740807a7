// `smsgw doctor`: what this machine can run (virtual, emulator, Appium), what is missing, how to fix it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Command } from 'commander';
import { envOption } from './option-env';
import { runChecks, type CheckResult } from '../doctor/checks';
import { systemProbe } from '../doctor/probe';
import { ExitCode } from '../errors';

const require = createRequire(import.meta.url);
/** Looks in the folders Node would search; `require.resolve` fails on packages whose `exports` hide package.json. */
const resolvePackage = (name: string): string | null => {
  for (const dir of require.resolve.paths(name) ?? []) {
    const manifest = join(dir, name, 'package.json');
    if (existsSync(manifest)) return manifest;
  }
  return null;
};

const mark = (status: CheckResult['status'], color: boolean): string => {
  const text = status === 'ok' ? 'ok' : status === 'missing' ? 'MISSING' : 'warn';
  if (!color) return text.padEnd(7);
  const code = status === 'ok' ? 32 : status === 'missing' ? 31 : 33;
  return `\u001b[${code}m${text.padEnd(7)}\u001b[0m`;
};

export function doctorTable(results: readonly CheckResult[], color: boolean): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines = results.map((result) => {
    const head = `${mark(result.status, color)} ${result.name.padEnd(width)}  ${result.detail}`;
    return result.fix ? `${head}\n${' '.repeat(8 + width + 2)}fix: ${result.fix}` : head;
  });
  const missing = (scope: CheckResult['neededFor']): boolean =>
    results.some((result) => result.neededFor === scope && result.status === 'missing');
  const summary = [
    `virtual device runs: ${missing('virtual') ? 'NOT ready' : 'ready'}`,
    `emulator runs: ${missing('emulator') ? 'not ready' : 'ready'}`,
    `Appium metrics: ${missing('appium') ? 'not ready' : 'ready'}`,
  ].join('  ·  ');
  return `${lines.join('\n')}\n\n${summary}`;
}

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'check what this machine can run (virtual device, emulator, Appium) and print the fix for what is missing',
    )
    .addOption(envOption('--json', 'print the checks as JSON'))
    .action(async (flags: { json?: boolean }) => {
      const results = await runChecks(systemProbe(resolvePackage), process.version);
      if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else process.stdout.write(`${doctorTable(results, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)}\n`);
      // Only what the default (virtual) path needs decides the exit code; the rest is advice.
      const blocked = results.some((result) => result.neededFor === 'virtual' && result.status === 'missing');
      process.exitCode = blocked ? ExitCode.environment : ExitCode.ok;
    });
}
