// Shards end to end, as a CI matrix runs them: three `smsgw run --shard k/3` processes at once, each
// with its own virtual device and stub, then `smsgw report merge` of their folders, against one
// unsharded run of the same scenario and seed. The SMS, what a correct gateway loses of them (the
// server refuses every text with a NUL) and their repeats are fixed by the seed, so the merged
// counts must equal the single run's exactly; latencies are not (separate runs, separate timing), so
// the merged percentiles are checked against the exact percentiles of the union of the shards' own
// raw latencies (trace.jsonl), which is what they claim to be.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import { followToTheEnd, leftBehind, trackProcesses } from './support/track-processes';
import { expectValidReport } from './support/report-schema';
import type { RunReport } from '../src/report/run-report';
import { percentile } from '../src/metrics/percentile';

const handlers = fileURLToPath(new URL('../scenarios/examples/handlers.ts', import.meta.url));

/** 300 hostile SMS, a fifth of them repeats, into a server that refuses a NUL: a known number lost. */
const scenarioYaml = `name: sharded-hostile
seed: 11
server:
  handlers: ${handlers}
messages: { senders: 40, text: hostile, repeats: 20% }
load:
  - burst: { count: 300, over: 15s }
expect:
  lost: "<= 300"
  latency: { p95: "< 2m" }
  drained_within: 3m
`;

const onlyDir = (reports: string): string => join(reports, readdirSync(reports)[0] ?? '');
const reportAt = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;

/** Every SMS a run's injection log holds: position, sender, text. */
function injections(dir: string): [number, string, string][] {
  const db = new Database(join(dir, 'injections.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT idx, sender, text FROM injections ORDER BY idx').raw().all() as [
      number,
      string,
      string,
    ][];
  } finally {
    db.close();
  }
}

/** The latency of every delivered SMS, as the run's trace.jsonl lists them. */
const latenciesOf = (dir: string): number[] =>
  readFileSync(join(dir, 'trace.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { latencyMs: number | null }).latencyMs)
    .filter((latency): latency is number => latency !== null);

let dir = '';
let shardDirs: string[] = [];
let wholeDir = '';
let merged = { code: null as number | null, stdout: '', stderr: '' };
let leftover: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  const scenario = writeScenario(dir, 'sharded', scenarioYaml);
  const shardReports = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
  const runs = [1, 2, 3].map((k) =>
    startCli(['run', scenario, '--shard', `${k}/3`, '--reports', shardReports[k - 1]!, '--quiet', '--no-redact']),
  );
  const tracked = runs.map((run) => trackProcesses(run.pid));
  const results = await Promise.all(
    runs.map((run, k) => followToTheEnd(run.done, tracked[k]!).then(({ result }) => result)),
  );
  for (const result of results) expect(result.code, result.stderr.slice(-3000)).toBe(0);
  leftover = await leftBehind(tracked);
  shardDirs = shardReports.map(onlyDir);
  const whole = await runCli(['run', scenario, '--reports', join(dir, 'whole'), '--quiet', '--no-redact']);
  expect(whole.code, whole.stderr.slice(-3000)).toBe(0);
  wholeDir = onlyDir(join(dir, 'whole'));
  merged = await runCli(['report', 'merge', ...shardDirs, '--out', join(dir, 'merged'), '--no-redact']);
}, 2 * wholeProgramTimeoutMs);

describe(
  'smsgw run --shard k/3 on three processes at once, then smsgw report merge',
  { timeout: wholeProgramTimeoutMs },
  () => {
    it('sends disjoint slices whose union is exactly the SMS of the unsharded run, and leaves no process behind', () => {
      const slices = shardDirs.map(injections);
      for (const [k, slice] of slices.entries()) {
        expect(slice.length).toBe(100);
        expect(slice.every(([index]) => index % 3 === k)).toBe(true);
        expect(reportAt(shardDirs[k]!).shard).toEqual({ index: k + 1, count: 3 });
      }
      const union = slices.flat().sort((a, b) => a[0] - b[0]);
      expect(union).toEqual(injections(wholeDir));
      expect(leftover).toEqual([]);
    });

    it('merges into the counts of the single run: the same SMS lost to the server, no duplicates, the same repeats', () => {
      expect(merged.code, merged.stderr.slice(-3000)).toBe(0);
      const report = reportAt(join(dir, 'merged'));
      const single = reportAt(wholeDir);
      expectValidReport(report);
      expect(single.counts.lost).toBeGreaterThan(0);
      expect(single.counts.repeats).toBeGreaterThan(0);
      for (const count of [
        'planned',
        'sent',
        'injected',
        'delivered',
        'lost',
        'duplicates',
        'refused',
        'unanswered',
        'repeats',
      ] as const)
        expect(report.counts[count], count).toBe(single.counts[count]);
      // The shards alone see fewer repeats: a repeat's original may be another shard's SMS.
      const shardRepeats = shardDirs.reduce((sum, shardDir) => sum + (reportAt(shardDir).counts.repeats ?? 0), 0);
      expect(shardRepeats).toBeLessThan(report.counts.repeats!);
      expect(report.lostSamples.map((sample) => sample.index)).toEqual(
        single.lostSamples.map((sample) => sample.index),
      );
      expect(report.merged?.shards.map((shard) => shard.index)).toEqual([1, 2, 3]);
      expect(merged.stdout).toContain('merged 3 shards');
    });

    it("takes its percentiles from every delivered SMS of every shard: exactly those of the union of the shards' raw latencies", () => {
      const report = reportAt(join(dir, 'merged'));
      const union = shardDirs.flatMap(latenciesOf);
      expect(union.length).toBe(report.counts.delivered);
      expect(report.latency.p50Ms).toBe(percentile(union, 50));
      expect(report.latency.p95Ms).toBe(percentile(union, 95));
      expect(report.latency.p99Ms).toBe(percentile(union, 99));
      expect(report.verdicts.find((verdict) => verdict.name === 'p95_latency')?.value).toBe(percentile(union, 95));
      expect(readFileSync(join(dir, 'merged', 'junit.xml'), 'utf8')).toContain(
        '<property name="mergedShards" value="3"/>',
      );
    });

    it('refuses two of the three shards with exit 2, naming the missing one', async () => {
      const result = await runCli(['report', 'merge', shardDirs[0]!, shardDirs[2]!, '--out', join(dir, 'partial')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('shard 2/3 is missing');
    });
  },
);

describe('smsgw run --shard, refused before anything starts', () => {
  it.each([
    [['--shard', '4/3'], "Expected `--shard`'s shard from 1 to 3, got 4"],
    [['--shard', '1/0'], "Expected `--shard`'s shard count from 1 to 1000, got 0"],
    [['--shard', 'half'], 'Expected `--shard` as k/n, like 2/8, got "half"'],
  ])('exits 2 on %j', async (flags, message) => {
    const scenario = writeScenario(tempDir(), 'tiny', 'name: tiny\nload:\n  - burst: { count: 5, over: 1s }\n');
    const result = await runCli(['run', scenario, ...flags, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('reads SMSGW_SHARD, and names it when its value is bad', async () => {
    const scenario = writeScenario(tempDir(), 'tiny', 'name: tiny\nload:\n  - burst: { count: 5, over: 1s }\n');
    const result = await runCli(['run', scenario, '--quiet'], { SMSGW_SHARD: '0/2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SMSGW_SHARD: Expected `--shard`'s shard from 1 to 2, got 0");
  });

  it('exits 2 on a shard that would send no SMS', async () => {
    const scenario = writeScenario(tempDir(), 'tiny', 'name: tiny\nload:\n  - burst: { count: 5, over: 1s }\n');
    const result = await runCli(['run', scenario, '--shard', '7/8', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Shard 7/8 of');
    expect(result.stderr).toContain('has no SMS: its load sends 5 in all, so it splits into at most 5 shard(s)');
  });
});
