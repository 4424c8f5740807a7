// `smsgw report merge <shard-run…> --out <dir>`: n shard runs of one scenario judged as the one run
// they make up. The merged folder holds what a run's holds (report.json of the same shape, junit.xml,
// report.html, trace.jsonl in the unsharded run's order), so CI reads a merged run as it reads any run.
import os from 'node:os';
import { basename, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { SmsgwError } from '../errors';
import { getLogger } from '../logger';
import { VERSION } from '../version';
import { latencyHistogram } from '../metrics/histogram';
import { percentile } from '../metrics/percentile';
import { runPassed, type MergedShards, type RunCounts, type RunReport } from './run-report';
import { createRedactor, type Redactor } from './redact';
import { writeRunFiles } from './write-report';
import { readShardRuns, shardName, type ShardRun } from './merge-inputs';
import { mergedTrace, readEvidence, type UnionEvidence } from './merge-evidence';
import { abortedShard, deviceSaysOf, mergedCounts, mergedVerdicts, unionLatencies } from './merge-verdicts';

const logger = getLogger('report');

export interface MergeOptions {
  /** The shard runs: run folders or their report.json files. */
  readonly runs: readonly string[];
  /** Where the merged report's files go; created when missing. */
  readonly out: string;
  /** Phone numbers masked and texts hashed in the merged files (`--redact`). */
  readonly redact?: boolean;
}

/**
 * A shard's report was written from the same databases at its end: when they now say otherwise, the
 * folder changed after the run. The merge goes by the databases, and says so.
 */
function noteChangedShards(evidence: UnionEvidence): void {
  for (const { run, trace } of evidence.shards) {
    const said = run.report.counts;
    if (said.lost === trace.lost && said.duplicates === trace.duplicates && said.delivered === trace.delivered)
      continue;
    logger.warn(
      `${shardName(run)}: its databases say ${trace.delivered} delivered, ${trace.lost} lost, ${trace.duplicates} duplicates; its report.json said ${said.delivered}, ${said.lost}, ${said.duplicates}; the merge goes by the databases`,
    );
  }
}

function mergedOf(evidence: UnionEvidence): MergedShards {
  const shards = evidence.shards.map(({ run, trace }) => ({
    index: run.index,
    runId: run.report.runId,
    status: run.report.status,
    startedAt: run.report.startedAt,
    planned: run.report.counts.planned,
    delivered: trace.delivered,
    lost: trace.lost,
    duplicates: trace.duplicates,
    device: String(run.report.environment['device'] ?? 'unknown'),
  }));
  return { count: shards.length, shards, keyCollisions: evidence.keyCollisions };
}

/** Each shard's chaos steps, on its own device, as they happened: `atMs` from its load's start, as in every shard. */
const timelineOf = (runs: readonly ShardRun[]): RunReport['timeline'] =>
  runs
    .flatMap((run) =>
      run.report.timeline.map((step) => ({ atMs: step.atMs, event: `shard ${run.index}/${run.count}: ${step.event}` })),
    )
    .sort((a, b) => a.atMs - b.atMs);

/** The stubs' stats added up, nested counters (`faults.status`) included. */
function summedStats(stats: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const total: Record<string, unknown> = {};
  for (const each of stats)
    for (const [key, value] of Object.entries(each)) {
      if (typeof value === 'number') total[key] = ((total[key] as number | undefined) ?? 0) + value;
      else if (typeof value === 'object' && value !== null && !Array.isArray(value))
        total[key] = summedStats([
          (total[key] as Record<string, unknown> | undefined) ?? {},
          value as Record<string, unknown>,
        ]);
    }
  return total;
}

/** Load and drain as the slowest shard had them. */
function phasesOf(runs: readonly ShardRun[]): RunReport['phases'] {
  const drains = runs.map((run) => run.report.phases.drainMs);
  return {
    clock: 'harness wall clock',
    loadMs: Math.max(...runs.map((run) => run.report.phases.loadMs)),
    drainMs: drains.some((drain) => drain === null) ? null : Math.max(...(drains as number[])),
  };
}

function environmentOf(runs: readonly ShardRun[]): RunReport['environment'] {
  const devices = [...new Set(runs.map((run) => String(run.report.environment['device'] ?? 'unknown')))];
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    device: `${runs.length} shard(s), a device each: ${devices.slice(0, 3).join(', ')}${devices.length > 3 ? ', …' : ''}`,
  };
}

const latencyOf = (latencies: Float64Array): RunReport['latency'] => ({
  clock: 'harness wall clock',
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
  maxMs: percentile(latencies, 100),
});

/** The lowest-numbered SMS that never reached a server, across the shards, as a run lists its own. */
function lostSamplesOf(evidence: UnionEvidence, redactor: Redactor): RunReport['lostSamples'] {
  return evidence.shards
    .flatMap((shard) => shard.trace.lostSamples)
    .sort((a, b) => a.index - b.index)
    .slice(0, 100)
    .map((sample) => ({ ...sample, sender: redactor.phone(sample.sender), text: redactor.text(sample.text) }));
}

/** The first shard a verdict stopped, as report.json's `aborted` and `error` say it. */
function abortOf(runs: readonly ShardRun[]): Pick<RunReport, 'aborted' | 'error'> {
  const aborted = abortedShard(runs);
  if (!aborted) return {};
  return { aborted: aborted.report.aborted!, error: `${shardName(aborted)}: ${aborted.report.error ?? 'aborted'}` };
}

/** The first of the shards' runs: what they all share (checked) is read from it. */
function sharedOf(first: RunReport): Pick<RunReport, 'scenario' | 'seed' | 'overrides' | 'deviceClock' | 'defects'> {
  return {
    scenario: first.scenario,
    ...(first.seed === undefined ? {} : { seed: first.seed }),
    ...(first.overrides?.length ? { overrides: first.overrides } : {}),
    ...(first.deviceClock ? { deviceClock: first.deviceClock } : {}),
    ...(first.defects?.length ? { defects: first.defects } : {}),
  };
}

function reportOf(evidence: UnionEvidence, runId: string, redactor: Redactor): RunReport {
  const runs = evidence.shards.map((shard) => shard.run);
  const latencies = unionLatencies(evidence);
  const verdicts = mergedVerdicts(evidence, redactor);
  const counts: RunCounts = mergedCounts(evidence);
  const startedAt = Math.min(...runs.map((run) => Date.parse(run.report.startedAt)));
  const finishedAt = Math.max(...runs.map((run) => Date.parse(run.report.finishedAt)));
  const deviceSays = counts.lost > 0 ? deviceSaysOf(runs) : null;
  return {
    schemaVersion: 1,
    runId,
    status: runPassed(verdicts) ? 'passed' : 'failed',
    ...sharedOf(runs[0]!.report),
    smsgwVersion: VERSION,
    merged: mergedOf(evidence),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    phases: phasesOf(runs),
    counts,
    latency: latencyOf(latencies),
    verdicts,
    timeline: timelineOf(runs),
    lostSamples: lostSamplesOf(evidence, redactor),
    ...(deviceSays === null ? {} : { deviceSays }),
    stub: summedStats(runs.map((run) => run.report.stub)),
    // Each shard's device ended on its own; their health is in each shard's report.
    device: {},
    environment: environmentOf(runs),
    redacted: redactor.enabled,
    // No time series: the shards ran on their own clocks, each report.html draws its own device's.
    series: { points: [], events: [], latencyHistogram: latencyHistogram(latencies), loadStartMs: 0 },
    ...abortOf(runs),
  };
}

/** The output folder must not be one of the shards': it would overwrite that shard's report. */
function refuseShardFolderAsOut(runs: readonly ShardRun[], out: string): void {
  const clash = runs.find((run) => resolve(run.dir) === resolve(out));
  if (clash)
    throw new SmsgwError(
      'bad-option',
      `--out ${out} is the folder of ${shardName(clash)}: its report would be overwritten`,
      {
        hint: 'give the merged run a folder of its own, e.g. --out reports/merged',
      },
    );
}

/**
 * Reads and checks the shard runs, traces each from its databases, judges the union and writes the
 * merged run's files into `out`. Throws bad-report or bad-option (exit 2) naming the shard at fault.
 */
export async function mergeRuns(options: MergeOptions): Promise<{ report: RunReport; dir: string }> {
  const runs = await readShardRuns(options.runs);
  refuseShardFolderAsOut(runs, options.out);
  const evidence = readEvidence(runs);
  noteChangedShards(evidence);
  const redactor = createRedactor(options.redact ?? false);
  const report = reportOf(evidence, basename(resolve(options.out)), redactor);
  await mkdir(options.out, { recursive: true }).catch((error: unknown) => {
    throw new SmsgwError(
      'folder-unavailable',
      `Cannot create ${options.out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const unwritten = await writeRunFiles(options.out, report, mergedTrace(runs), redactor);
  if (unwritten[0]) throw unwritten[0].error;
  return { report, dir: options.out };
}
