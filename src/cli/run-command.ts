// `smsgw run <scenario…>`: runs each scenario in turn and exits with the worst outcome.
import { Command, Option } from 'commander';
import { ExitCode, SmsgwError } from '../errors';
import type { RunReport } from '../report/run-report';

interface RunFlags {
  readonly reports: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly defect: string[];
}

const exitCodeOf = (report: RunReport): number =>
  report.status === 'passed' ? ExitCode.ok : report.status === 'interrupted' ? ExitCode.interrupted : ExitCode.verdictFailed;

const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

async function runOne(file: string, flags: RunFlags, signal: AbortSignal): Promise<RunReport> {
  // Loaded here, not at the top: `smsgw device` shares this program and should not pay for msw.
  const [{ loadScenario }, { runScenario }, { progressLine }, { verdictTable }] = await Promise.all([
    import('../scenario/index'),
    import('../run/run-scenario'),
    import('../run/progress'),
    import('../report/verdict-table'),
  ]);
  const scenario = await loadScenario(file);
  const say = (line: string): void => {
    if (!flags.json && !flags.quiet) process.stderr.write(`${line}\n`);
  };
  say(`smsgw: ${scenario.name} — ${scenario.description}`);
  const { report, dir } = await runScenario(scenario, {
    file,
    reportsDir: flags.reports,
    defects: flags.defect,
    signal,
    onProgress: (snapshot) => say(progressLine(snapshot)),
  });
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`\n${verdictTable(report, { color: useColor() })}\nreport: ${dir}/report.json\n`);
  return report;
}

export function runCommand(): Command {
  return new Command('run')
    .description('run load scenarios against a device and judge them (exit 0 pass, 1 verdict failed)')
    .argument('<scenario...>', 'scenario YAML files, run one after another')
    .option('--reports <dir>', 'where each run writes reports/<run-id>/', 'reports')
    .option('--json', 'print each report as JSON on stdout instead of the verdict table')
    .option('--quiet', 'no progress lines')
    .addOption(
      new Option('--defect <kind:rate>', 'plant a defect in the virtual device, e.g. drop:0.01 or duplicate:1% (repeatable)')
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([]),
    )
    .action(async (files: string[], flags: RunFlags) => {
      const controller = new AbortController();
      const interrupt = (): void => {
        if (!controller.signal.aborted) process.stderr.write('\nsmsgw: interrupted, tearing down and writing a partial report…\n');
        controller.abort();
      };
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
      let worst: number = ExitCode.ok;
      try {
        for (const file of files) {
          const report = await runOne(file, flags, controller.signal);
          worst = Math.max(worst, exitCodeOf(report));
          if (controller.signal.aborted) break;
        }
      } catch (error) {
        if (controller.signal.aborted && !(error instanceof SmsgwError)) worst = ExitCode.interrupted;
        else throw error;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
      process.exitCode = worst;
    });
}
