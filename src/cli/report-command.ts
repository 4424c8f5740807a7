// `smsgw report compare <runA> <runB>`: the change per metric between two runs.
// `smsgw report merge <shard-run…> --out <dir>`: the shards of one run (`smsgw run --shard k/n`) judged as one.
import { Command } from 'commander';
import { ExitCode } from '../errors';
import { envOption } from './option-env';

interface MergeFlags {
  readonly out: string;
  readonly json?: boolean;
  readonly redact?: boolean;
}

/** Judges the shards as one run, writes its files, prints its verdicts; exit 0 passed, 1 failed, 2 a shard set that does not make one run. */
async function merge(runs: string[], flags: MergeFlags): Promise<void> {
  const [{ mergeRuns }, { verdictTable }, { redactByDefault }] = await Promise.all([
    import('../report/merge-report'),
    import('../report/verdict-table'),
    import('../report/redact'),
  ]);
  const { report, dir } = await mergeRuns({ runs, out: flags.out, redact: flags.redact ?? redactByDefault() });
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${verdictTable(report, { color })}\nmerged ${report.merged?.count ?? runs.length} shards: ${dir}/report.json\ncharts: ${dir}/report.html\n`,
  );
  process.exitCode = report.status === 'passed' ? ExitCode.ok : ExitCode.verdictFailed;
}

function mergeCommand(): Command {
  return new Command('merge')
    .description(
      'judge the shards of one run (`smsgw run --shard k/n`, every k once) as the run they make up: counts, latencies and verdicts over all their SMS (exit 0 pass, 1 a verdict failed, 2 a shard missing, doubled, unfinished or of another run)',
    )
    .argument('<run...>', "the shards' run folders (reports/<run-id>, with their databases) or their report.json files")
    .addOption(
      envOption(
        '--out <dir>',
        "where the merged run's files go (report.json, junit.xml, report.html, trace.jsonl)",
      ).makeOptionMandatory(),
    )
    .addOption(envOption('--json', 'print the merged report.json instead of the verdict table'))
    .addOption(envOption('--redact', 'mask phone numbers and hash texts in the merged files (default when CI is set)'))
    .addOption(envOption('--no-redact', 'keep phone numbers and texts in the merged files, even under CI'))
    .action(merge);
}

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
  return new Command('report')
    .description('read finished runs: compare two of them, merge the shards of one')
    .addCommand(compare)
    .addCommand(mergeCommand());
}
