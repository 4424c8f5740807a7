// `smsgw report compare <runA> <runB>`: the change per metric between two runs.
import { Command } from 'commander';
import { envOption } from './option-env';

export function reportCommand(): Command {
  const compare = new Command('compare')
    .description('print each metric of two runs, the change and the % change (B against A)')
    .argument('<runA>', 'the baseline: a run folder (reports/<run-id>) or its report.json')
    .argument('<runB>', 'the run to judge, likewise')
    .addOption(envOption('--json', 'print the comparison as JSON'))
    .action(async (pathA: string, pathB: string, flags: { json?: boolean }) => {
      const [{ readReport }, { compareReports, comparisonTable }] = await Promise.all([
        import('../report/read-report'),
        import('../report/compare-reports'),
      ]);
      const comparison = compareReports(await readReport(pathA), await readReport(pathB));
      process.stdout.write(
        flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${comparisonTable(comparison)}\n`,
      );
    });
  return new Command('report').description('read finished runs: compare two of them').addCommand(compare);
}
