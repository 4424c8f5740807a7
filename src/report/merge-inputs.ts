// `smsgw report merge`: the shard runs to judge as one, read and checked before anything is traced.
// Every shard must be a finished run of the same scenario file, seed and shard count (and the same
// overrides, planted defects, smsgw version and expectations), and together they must be every shard
// exactly once. Anything else is bad input (exit 2) that names the shard at fault.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SmsgwError } from '../errors';
import { readReport } from './read-report';
import type { RunReport } from './run-report';

/** One shard's run, as given on the command line. */
export interface ShardRun {
  /** The path as given: a run folder or its report.json. */
  readonly given: string;
  /** The run's folder, where its databases are. */
  readonly dir: string;
  readonly report: RunReport;
  readonly index: number;
  readonly count: number;
}

/** `shard 2/3 (reports/…)`: how every message names a shard. */
export const shardName = (run: Pick<ShardRun, 'index' | 'count' | 'given'>): string =>
  `shard ${run.index}/${run.count} (${run.given})`;

async function readOne(given: string): Promise<{ given: string; dir: string; report: RunReport }> {
  const report = await readReport(given);
  const isDir = await stat(given).then((info) => info.isDirectory());
  return { given, dir: isDir ? given : dirname(given), report };
}

function refuse(headline: string, issues: readonly string[], hint?: string): never {
  throw new SmsgwError('bad-report', headline, { issues, ...(hint === undefined ? {} : { hint }) });
}

/** Shards as shards: a run of the whole load has no place in a merge. */
function asShards(runs: readonly { given: string; dir: string; report: RunReport }[]): ShardRun[] {
  const whole = runs.filter((run) => run.report.shard === undefined);
  if (whole.length > 0)
    refuse(
      `${whole.length} of the runs given ${whole.length === 1 ? 'is' : 'are'} not a shard`,
      whole.map((run) => `${run.given}: run without --shard (the whole load)`),
      'merge the runs of `smsgw run <scenario> --shard k/n`, one for each k from 1 to n',
    );
  return runs.map((run) => ({ ...run, index: run.report.shard!.index, count: run.report.shard!.count }));
}

/** A shard that did not reach its end leaves no verdicts to merge: its load, or its evidence, is not whole. */
function refuseUnfinished(runs: readonly ShardRun[]): void {
  const unfinished = runs.filter((run) => !['passed', 'failed'].includes(run.report.status));
  if (unfinished.length === 0) return;
  refuse(
    `${unfinished.length} shard(s) did not finish, so the run they make up cannot be judged`,
    unfinished.map(
      (run) => `${shardName(run)}: ${run.report.status}${run.report.error ? `: ${run.report.error}` : ''}`,
    ),
    'run those shards again with the same scenario, seed and --shard, then merge every shard',
  );
}

/** What every shard of one run must agree on, each with how it reads in a message. */
const agreements: readonly [what: string, of: (report: RunReport) => string][] = [
  ['scenario file (sha256)', (report) => report.scenario.sha256 ?? 'none'],
  ['seed', (report) => String(report.seed ?? 'none')],
  ['shard count', (report) => String(report.shard?.count)],
  ['overrides (--set)', (report) => JSON.stringify(report.overrides ?? [])],
  ['defects (--defect)', (report) => JSON.stringify(report.defects ?? [])],
  ['smsgw version', (report) => report.smsgwVersion ?? 'none'],
  ['expectations', (report) => JSON.stringify(report.verdicts.map((verdict) => [verdict.name, verdict.expected]))],
];

/** The value most shards have (the first shard's on a tie), so the message names the odd ones. */
function usual(values: readonly string[]): string {
  const tally = new Map<string, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  let best = values[0]!;
  for (const [value, times] of tally) if (times > tally.get(best)!) best = value;
  return best;
}

const shown = (value: string): string => (value.length > 80 ? `${value.slice(0, 77)}…` : value);

/** Shards of one run agree on what makes the run: the odd one out is named with what it has and what the others have. */
function refuseMismatches(runs: readonly ShardRun[]): void {
  const issues = agreements.flatMap(([what, of]) => {
    const values = runs.map((run) => of(run.report));
    const expected = usual(values);
    return runs.flatMap((run, position) =>
      values[position] === expected
        ? []
        : [`${shardName(run)}: ${what} ${shown(values[position]!)}, where the others have ${shown(expected)}`],
    );
  });
  const unhashed = runs.filter((run) => run.report.scenario.sha256 === undefined);
  if (issues.length === 0 && unhashed.length === 0) return;
  refuse(
    'the shards are not of one run',
    unhashed.length > 0 && issues.length === 0
      ? unhashed.map((run) => `${shardName(run)}: its report names no scenario file hash to check`)
      : issues,
    'run every shard from the same scenario file, with the same --seed, --set, --defect and shard count',
  );
}

/** Every shard from 1 to n, each once. */
function refuseIncomplete(runs: readonly ShardRun[]): void {
  const count = runs[0]!.count;
  const byIndex = new Map<number, ShardRun[]>();
  for (const run of runs) byIndex.set(run.index, [...(byIndex.get(run.index) ?? []), run]);
  const issues: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const given = byIndex.get(index) ?? [];
    if (given.length === 0) issues.push(`shard ${index}/${count} is missing`);
    if (given.length > 1)
      issues.push(
        `shard ${index}/${count} is given ${given.length} times: ${given.map((run) => run.given).join(', ')}`,
      );
  }
  if (issues.length === 0) return;
  const got = [...byIndex.keys()].sort((a, b) => a - b).join(', ');
  refuse(`the shards given (${got} of ${count}) are not every shard once`, issues);
}

/** Reads and checks the shard runs at `paths`, in shard order; throws bad-report (exit 2) naming what is wrong. */
export async function readShardRuns(paths: readonly string[]): Promise<ShardRun[]> {
  if (paths.length === 0) refuse('no shard runs to merge', []);
  const runs = asShards(await Promise.all(paths.map(readOne)));
  refuseUnfinished(runs);
  refuseMismatches(runs);
  refuseIncomplete(runs);
  return [...runs].sort((a, b) => a.index - b.index);
}
