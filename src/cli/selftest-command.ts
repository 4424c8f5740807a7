// `smsgw selftest`: plants each known defect into a virtual device and checks the right verdict
// catches it (exit 0 when every one is caught and every clean run passes, 1 otherwise).
import { Command } from 'commander';
import { envOption, repeatable } from './option-env';
import { ExitCode } from '../errors';

interface SelftestFlags {
  readonly only: string[];
  readonly reports: string;
  readonly json?: boolean;
  readonly control: boolean;
}

const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

/** `--only drop,leak --only latency` → the names, in order. */
const onlyNames = (only: readonly string[]): string[] =>
  only
    .flatMap((names) => names.split(','))
    .map((name) => name.trim())
    .filter(Boolean);

// On a terminal the running step's line is redrawn in place: a line of our own replaces it, and the next redraw brings it back.
const progressLine = (line: string): void =>
  void process.stderr.write(process.stderr.isTTY ? `\r\u001b[2K${line}\n` : `${line}\n`);

/** Ctrl-C and SIGTERM abort the selftest (it tears down and reports what ran) until `work` is done. */
async function abortOnSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (!controller.signal.aborted) process.stderr.write('\nsmsgw selftest: interrupted, tearing down…\n');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function runSelftestCommand(flags: SelftestFlags): Promise<void> {
  // Loaded here, not at the top: `smsgw device` shares this program and should not pay for msw.
  const [{ pickCases }, { runSelftest }, { selftestTable }, { selftestProgress }, { openScreenMeter }] =
    await Promise.all([
      import('../selftest/selftest-cases'),
      import('../selftest/run-selftest'),
      import('../selftest/selftest-table'),
      import('../selftest/selftest-progress'),
      import('../selftest/screen-meter'),
    ]);
  const cases = pickCases(onlyNames(flags.only));
  const meter = cases.some((selftestCase) => selftestCase.appium) ? openScreenMeter(progressLine) : null;
  try {
    await abortOnSignals(async (signal) => {
      const result = await runSelftest({
        cases,
        reportsDir: flags.reports,
        skipControl: !flags.control,
        ...(meter ? { measureHealthScreen: meter.measure } : {}),
        onEvent: selftestProgress(process.stderr),
        signal,
      });
      process.stdout.write(
        flags.json ? `${JSON.stringify(result, null, 2)}\n` : `\n${selftestTable(result, { color: useColor() })}\n`,
      );
      process.exitCode = signal.aborted ? ExitCode.interrupted : result.passed ? ExitCode.ok : ExitCode.verdictFailed;
    });
  } finally {
    await meter?.close();
  }
}

export function selftestCommand(): Command {
  return new Command('selftest')
    .description(
      'plant defects in virtual devices (drop, duplicate, latency, leak, wrong dashboard, unsigned webhooks) and check each is caught by its verdict',
    )
    .addOption(
      envOption(
        '--only <defects>',
        'run only these defects, comma-separated (repeatable): drop, duplicate, latency, leak, wrong-dashboard, skip-signature',
      )
        .argParser(repeatable(String))
        .default([], 'all'),
    )
    .addOption(
      envOption('--reports <dir>', 'where each run writes <scenario>/<defect>/<run-id>/').default('reports/selftest'),
    )
    .addOption(envOption('--json', 'print the result as JSON on stdout instead of the table'))
    .addOption(
      envOption(
        '--no-control',
        'skip the clean run of each scenario (faster, but a verdict that fails anyway then counts as a catch)',
      ),
    )
    .addHelpText(
      'after',
      '\nExit 0 when every defect is caught and every clean run passes, 1 otherwise.\n' +
        'Each defect runs a scenario under scenarios/selftest/; replay one by hand with\n  $ smsgw run scenarios/selftest/burst-1000.yaml --defect drop:0.1%',
    )
    .action(runSelftestCommand);
}
