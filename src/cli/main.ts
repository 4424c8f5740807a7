// The smsgw program: one commander command per file, no logic beyond parsing and wiring.
import { Command, CommanderError } from 'commander';
import { ExitCode, exitCodeFor, formatError } from '../errors';
import { runCommand } from './run-command';
import { deviceCommand } from './device-command';
import { deviceAppCommand } from './device-app-command';
import { stubCommand } from './stub-command';
import { burstCommand } from './burst-command';
import { dashboardCommand } from './dashboard-command';
import { doctorCommand } from './doctor-command';
import { emulatorCommand } from './emulator-command';
import { reportCommand } from './report-command';
import { schemaCommand } from './schema-command';
import { selftestCommand } from './selftest-command';
import { validateCommand } from './validate-command';
import { envOption, settleEnvironment } from './option-env';
import { VERSION } from '../version';

export function program(): Command {
  return new Command('smsgw')
    .description(
      'Prove an SMS gateway loses nothing under load: boot a device, fire SMS bursts, stub the webhook, judge the result.',
    )
    .version(VERSION)
    .addOption(envOption('--verbose', 'show stack traces and debug output'))
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(runCommand())
    .addCommand(validateCommand())
    .addCommand(deviceCommand())
    .addCommand(deviceAppCommand(), { hidden: true })
    .addCommand(stubCommand())
    .addCommand(burstCommand())
    .addCommand(dashboardCommand())
    .addCommand(doctorCommand())
    .addCommand(emulatorCommand())
    .addCommand(reportCommand())
    .addCommand(schemaCommand())
    .addCommand(selftestCommand())
    .addHelpText(
      'after',
      `
Exit codes: 0 all verdicts pass, 1 a verdict failed, 2 bad input, 3 environment unavailable, 130 interrupted.

Every flag can also be set in the environment: SMSGW_<FLAG>, like SMSGW_SEED=7 for --seed 7 (shown as
"env:" beside each flag in a command's --help); a flag on the command line wins over its variable.

Examples:
  $ smsgw run scenarios/burst-100.yaml
  $ smsgw device --webhook http://127.0.0.1:8080/webhook &
  $ smsgw burst --port 5554 --count 100 --over 10s`,
    );
}

/** Where usage, help and error text go; tests pass their own to read what a user would see. */
export interface MainIo {
  /** Default `process.stdout`. */
  readonly writeOut?: (text: string) => void;
  /** Default `process.stderr`. */
  readonly writeErr?: (text: string) => void;
}

/** Runs the program and returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const { writeOut = (text) => void process.stdout.write(text), writeErr = (text) => void process.stderr.write(text) } =
    io;
  const root = program();
  // Usage errors must end as exit 2 through here, not as commander's own process.exit(1).
  const overrideExits = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut, writeErr });
    for (const child of command.commands) overrideExits(child);
  };
  overrideExits(root);
  const environment = settleEnvironment(root);
  try {
    await root.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    const verbose = argv.includes('--verbose') || root.getOptionValue('verbose') === true;
    const explained = environment.explain(error);
    writeErr(`${formatError(explained, verbose)}\n`);
    return exitCodeFor(explained);
  }
}
