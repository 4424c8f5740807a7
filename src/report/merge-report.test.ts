import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../scenario/index';
import { loadPlan, shardMessageCount, totalMessages, type PlannedMessage } from '../load/index';
import { openInjectionStore } from '../injection/injection-store';
import { ledgerSchema, insertRowSql } from '../stub/ledger-schema';
import { percentile } from '../metrics/percentile';
import { SmsgwError } from '../errors';
import { summarizeRun } from './summarize-run';
import { writeReport } from './write-report';
import { mergeRuns } from './merge-report';
import type { RunReport } from './run-report';
import { healthOf } from '../../test/support/metrics-kit';
import { expectValidReport } from '../../test/support/report-schema';

const sha = (digit: string) => digit.repeat(64);

const scenarioOf = (seed: number, sha256 = sha('a'), expectLost = '0'): Scenario => ({
  ...parseScenario(
    `name: sharded\nseed: ${seed}\nmessages: { senders: 5, repeats: 30% }\nload: [ { burst: { count: 30, over: 1s } } ]\nexpect:\n  lost: "${expectLost}"\n  latency: { p95: "< 10s" }\n  drained_within: 1m\n`,
    'sharded.yaml',
  ),
  sourceSha256: sha256,
});

interface ShardSpec {
  readonly index: number;
  readonly count?: number;
  readonly seed?: number;
  readonly sha256?: string;
  readonly expectLost?: string;
  /** Latency of an SMS, ms. */
  readonly latency?: (message: PlannedMessage) => number;
  /** SMS the server never accepts. */
  readonly lose?: (message: PlannedMessage) => boolean;
  /** The key the device sends it under. */
  readonly key?: (message: PlannedMessage) => string;
  readonly failure?: Error;
  /** The shard's SMS as another shard's: a folder whose databases are not its slice. */
  readonly sliceOf?: number;
  readonly drainMs?: number;
  readonly name?: string;
}

let root = '';
afterEach(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
  root = '';
});
const rootDir = (): string => (root ||= mkdtempSync(join(os.tmpdir(), 'smsgw-merge-')));

/** A shard's run folder as `smsgw run --shard` leaves it: its injection log, its stub's ledger, its report files. */
async function writeShard(spec: ShardSpec): Promise<string> {
  const { index, count = 3, seed = 1, latency = () => 100, lose = () => false } = spec;
  const key = spec.key ?? ((message: PlannedMessage) => `device-${index}-${message.index}`);
  const scenario = scenarioOf(seed, spec.sha256, spec.expectLost);
  const dir = join(rootDir(), spec.name ?? `shard-${index}`);
  mkdirSync(dir);
  const slice = { index: spec.sliceOf ?? index, count };
  const plan = [...loadPlan({ ...scenario.messages, load: scenario.load, seed: scenario.seed }, slice)];
  const log = openInjectionStore(join(dir, 'injections.sqlite'));
  const ledger = new Database(join(dir, 'ledger.sqlite'));
  ledger.exec(ledgerSchema);
  const insert = ledger.prepare(insertRowSql);
  for (const message of plan) {
    const injectedAt = 1_000_000 + message.atMs;
    log.acknowledged({ index: message.index, sender: message.sender, text: message.text, injectedAt });
    if (lose(message)) continue;
    const at = injectedAt + latency(message);
    insert.run(
      null,
      key(message),
      at,
      at,
      message.sender,
      message.text,
      `device-${index}`,
      message.index,
      200,
      null,
      null,
      1,
      1,
      'accepted',
    );
  }
  ledger.close();
  log.flush();
  const loadStartedAt = 1_000_000;
  const { report } = summarizeRun({
    scenario,
    file: 'sharded.yaml',
    runId: `run-${index}`,
    startedAt: new Date(loadStartedAt - 500),
    loadStartedAt,
    loadEndedAt: loadStartedAt + 1_000,
    drainedAt: loadStartedAt + 1_000 + (spec.drainMs ?? 200),
    planned: shardMessageCount(totalMessages(scenario.load), { index, count }),
    log,
    ledgerPath: join(dir, 'ledger.sqlite'),
    stubStats: { accepted: plan.length, badSignatures: 0 },
    deviceHealth: healthOf({ gaveUp: 0 }),
    peakRssBytes: null,
    timeline: [],
    interrupted: false,
    failure: spec.failure ?? null,
    environment: { device: `virtual:${index}` },
    shard: { index, count },
  });
  log.close();
  await writeReport(dir, report);
  return dir;
}

const threeShards = (specs: Partial<ShardSpec>[] = []) =>
  Promise.all([1, 2, 3].map((index) => writeShard({ index, ...specs[index - 1] })));

/** The whole run's SMS, as one unsharded run would send them. */
const wholePlan = (seed = 1) => {
  const scenario = scenarioOf(seed);
  return [...loadPlan({ ...scenario.messages, load: scenario.load, seed })];
};

async function mergeError(runs: string[]): Promise<SmsgwError> {
  const error = await mergeRuns({ runs, out: join(rootDir(), 'merged') }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SmsgwError);
  expect((error as SmsgwError).exitCode).toBe(2);
  return error as SmsgwError;
}

const lines = (error: SmsgwError) => [error.message, ...error.issues].join('\n');

describe('mergeRuns', () => {
  it('judges three shards as the run they make up: counts summed, repeats across shards, every SMS traced once in order', async () => {
    const whole = wholePlan();
    const lost = new Set([whole[4]!.index, whole[17]!.index]);
    const dirs = await threeShards(
      [1, 2, 3].map(() => ({ lose: (message: PlannedMessage) => lost.has(message.index) })),
    );
    const out = join(rootDir(), 'merged');
    const { report } = await mergeRuns({ runs: dirs, out });
    expectValidReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    const repeats = whole.length - new Set(whole.map((message) => `${message.sender}\u0000${message.text}`)).size;
    expect(repeats).toBeGreaterThan(0);
    expect(report.counts).toMatchObject({
      planned: 30,
      injected: 30,
      delivered: 28,
      lost: 2,
      duplicates: 0,
      repeats,
    });
    expect(report.status).toBe('failed');
    expect(report.verdicts.find((verdict) => verdict.name === 'lost')).toMatchObject({ result: 'fail', value: 2 });
    expect(report.lostSamples.map((sample) => sample.index)).toEqual([...lost].sort((a, b) => a - b));
    expect(report.merged).toMatchObject({ count: 3, keyCollisions: 0 });
    const trace = readFileSync(join(out, 'trace.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { index: number; text: string });
    expect(trace.map((line) => [line.index, line.text])).toEqual(whole.map((message) => [message.index, message.text]));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<property name="mergedShards" value="3"/>');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it("takes every percentile from the union of the shards' exact latencies, never from the shards' own percentiles", async () => {
    // One fast shard of 10 SMS and two slow ones: the average of the shards' p95s is no percentile of the run.
    const dirs = await threeShards([
      { latency: () => 50 },
      { latency: (message) => 1_000 + message.index },
      { latency: (message) => 3_000 + message.index * 7 },
    ]);
    const { report } = await mergeRuns({ runs: dirs, out: join(rootDir(), 'merged') });
    const shards = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport);
    const union = wholePlan().map(
      (message) => [50, 1_000 + message.index, 3_000 + message.index * 7][message.index % 3]!,
    );
    expect(report.latency.p95Ms).toBe(percentile(union, 95));
    expect(report.latency.p50Ms).toBe(percentile(union, 50));
    expect(report.latency.maxMs).toBe(Math.max(...union));
    const averaged = shards.reduce((sum, shard) => sum + shard.latency.p95Ms!, 0) / 3;
    expect(report.latency.p95Ms).not.toBe(averaged);
    expect(report.verdicts.find((verdict) => verdict.name === 'p95_latency')?.detail).toContain('of 30 delivered SMS');
  });

  it("judges a verdict about one device by the worst shard's device, and names that shard", async () => {
    const dirs = await threeShards([{ drainMs: 100 }, { drainMs: 61_000 }, { drainMs: 300 }]);
    const { report } = await mergeRuns({ runs: dirs, out: join(rootDir(), 'merged') });
    const drained = report.verdicts.find((verdict) => verdict.name === 'drained_within');
    expect(drained).toMatchObject({ result: 'fail', value: 61_000 });
    expect(drained?.detail).toContain(`shard 2/3 (${dirs[1]}), the worst of 3 devices`);
    expect(report.status).toBe('failed');
  });

  it('merges a shard whose own verdicts failed, and the merged verdicts fail with it', async () => {
    const dirs = await threeShards([{}, { lose: (message) => message.index === 1 }, {}]);
    const shard = JSON.parse(readFileSync(join(dirs[1]!, 'report.json'), 'utf8')) as RunReport;
    expect(shard.status).toBe('failed');
    const { report } = await mergeRuns({ runs: dirs, out: join(rootDir(), 'merged') });
    expect(report.status).toBe('failed');
    expect(report.counts.lost).toBe(1);
  });

  it("judges the whole run's bounds over the whole run: a slice that fails an exact count or a percentile alone can pass merged", async () => {
    // One SMS lost per shard against `lost: == 3`, and one SMS of 12 s in shard 3 against `p95 < 10s`.
    const whole = wholePlan();
    const lost = new Set([whole[0]!.index, whole[1]!.index, whole[2]!.index]);
    const slow = whole[29]!.index;
    const dirs = await threeShards(
      [1, 2, 3].map(() => ({
        expectLost: '== 3',
        lose: (message: PlannedMessage) => lost.has(message.index),
        latency: (message: PlannedMessage) => (message.index === slow ? 12_000 : 100),
      })),
    );
    const shards = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport);
    const resultOf = (report: RunReport, name: string) =>
      report.verdicts.find((verdict) => verdict.name === name)?.result;
    expect(shards.map((shard) => resultOf(shard, 'lost'))).toEqual(['fail', 'fail', 'fail']);
    expect(resultOf(shards[2]!, 'p95_latency')).toBe('fail');
    const { report } = await mergeRuns({ runs: dirs, out: join(rootDir(), 'merged') });
    expect(resultOf(report, 'lost')).toBe('pass');
    expect(resultOf(report, 'p95_latency')).toBe('pass');
    expect(report.latency.maxMs).toBe(12_000);
    expect(report.status).toBe('passed');
  });

  it("counts an SMS lost when its key is one another shard's server also accepted: one server would have dropped it", async () => {
    const sameKey = (message: PlannedMessage) => (message.index < 3 ? 'same-key' : `key-${message.index}`);
    const dirs = await threeShards([{ key: sameKey }, { key: sameKey }, { key: sameKey }]);
    const { report } = await mergeRuns({ runs: dirs, out: join(rootDir(), 'merged') });
    expect(report.merged?.keyCollisions).toBe(2);
    expect(report.counts.lost).toBe(2);
    expect(report.verdicts.find((verdict) => verdict.name === 'lost')?.detail).toContain(
      "2 of them were accepted under an idempotency key another shard's device also used (same-key)",
    );
  });

  it('refuses a missing shard, naming it (exit 2)', async () => {
    const dirs = await threeShards();
    const error = await mergeError([dirs[0]!, dirs[2]!]);
    expect(lines(error)).toContain('shard 2/3 is missing');
    expect(error.message).toContain('(1, 3 of 3)');
  });

  it('refuses a shard given twice, by the same folder or by two runs of the same shard (exit 2)', async () => {
    const dirs = await threeShards();
    const again = await writeShard({ index: 2, name: 'shard-2-again' });
    expect(lines(await mergeError([...dirs, dirs[1]!]))).toContain(
      `shard 2/3 is given 2 times: ${dirs[1]}, ${dirs[1]}`,
    );
    expect(lines(await mergeError([...dirs, again]))).toContain(`shard 2/3 is given 2 times: ${dirs[1]}, ${again}`);
  });

  it('refuses shards of another scenario file, seed or shard count, naming the odd one (exit 2)', async () => {
    const dirs = await threeShards();
    const otherFile = await writeShard({ index: 3, sha256: sha('b'), name: 'other-file' });
    const otherSeed = await writeShard({ index: 3, seed: 2, name: 'other-seed' });
    const otherCount = await writeShard({ index: 3, count: 4, name: 'other-count' });
    expect(lines(await mergeError([dirs[0]!, dirs[1]!, otherFile]))).toContain(
      `shard 3/3 (${otherFile}): scenario file (sha256) ${sha('b')}, where the others have ${sha('a')}`,
    );
    expect(lines(await mergeError([dirs[0]!, dirs[1]!, otherSeed]))).toContain(
      `shard 3/3 (${otherSeed}): seed 2, where the others have 1`,
    );
    expect(lines(await mergeError([dirs[0]!, dirs[1]!, otherCount]))).toContain(
      `shard 3/4 (${otherCount}): shard count 4, where the others have 3`,
    );
  });

  it('refuses shards judged against other bounds (exit 2)', async () => {
    const dirs = await threeShards([{}, {}, { expectLost: '5' }]);
    expect(lines(await mergeError(dirs))).toContain(`shard 3/3 (${dirs[2]}): expectations`);
  });

  it('refuses a shard that stopped on an error, naming it and its error (exit 2)', async () => {
    const dirs = await threeShards([{}, { failure: new Error('the device died') }, {}]);
    expect(lines(await mergeError(dirs))).toContain(
      `shard 2/3 (${dirs[1]}): error: smsgw: unexpected error: the device died`,
    );
  });

  it('refuses a run of the whole load (exit 2)', async () => {
    const dirs = await threeShards();
    const report = JSON.parse(readFileSync(join(dirs[2]!, 'report.json'), 'utf8')) as RunReport;
    const { shard: _shard, ...whole } = report;
    await writeReport(dirs[2]!, whole as RunReport);
    expect(lines(await mergeError(dirs))).toContain(`${dirs[2]}: run without --shard`);
  });

  it('refuses a shard without its databases, saying --redact removed them (exit 2)', async () => {
    const dirs = await threeShards();
    const report = JSON.parse(readFileSync(join(dirs[0]!, 'report.json'), 'utf8')) as RunReport;
    await writeReport(dirs[0]!, { ...report, redacted: true });
    rmSync(join(dirs[0]!, 'injections.sqlite'));
    rmSync(join(dirs[0]!, 'ledger.sqlite'));
    const error = await mergeError(dirs);
    expect(lines(error)).toContain(
      `shard 1/3 (${dirs[0]}): no injections.sqlite or ledger.sqlite: it was run with --redact, which removes them at its end`,
    );
    expect(error.hint).toContain('--no-redact');
  });

  it("refuses a folder whose injection log is another shard's slice (exit 2)", async () => {
    const [first, , third] = await threeShards();
    const mislabelled = await writeShard({ index: 2, sliceOf: 1, name: 'mislabelled' });
    expect(lines(await mergeError([first!, mislabelled, third!]))).toContain(
      `shard 2/3 (${mislabelled}): 10 SMS of its injection log are not shard 2/3's`,
    );
  });

  it("refuses to write the merged run over a shard's own folder (exit 2)", async () => {
    const dirs = await threeShards();
    const error = await mergeRuns({ runs: dirs, out: dirs[0]! }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).message).toContain(`is the folder of shard 1/3 (${dirs[0]})`);
  });
});
