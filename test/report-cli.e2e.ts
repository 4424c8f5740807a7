// Baselines end to end: a real run, a second run judged against it, and `smsgw report compare` of the two.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import type { RunReport } from '../src/report/run-report';
import type { Comparison } from '../src/report/compare-reports';
import { formatDuration, tidy } from '../src/units/index';

const burst = (expectBlock: string): string =>
  `name: baseline-burst\nload:\n  - burst: { count: 30, over: 1s }\nexpect:\n${expectBlock}`;

let dir = '';
let runA = '';

beforeAll(async () => {
  dir = tempDir();
  const reports = join(dir, 'a');
  const result = await runCli([
    'run',
    writeScenario(dir, 'plain', burst('  p95_latency: "< 5s"\n')),
    '--reports',
    reports,
    '--quiet',
  ]);
  expect(result.code, result.stderr).toBe(0);
  runA = join(reports, readdirSync(reports)[0] ?? '');
}, wholeProgramTimeoutMs);

describe('smsgw run --baseline', { timeout: wholeProgramTimeoutMs }, () => {
  it('judges p95_latency against the baseline run times the factor and shows both in the verdict', async () => {
    const reports = join(dir, 'b');
    const scenario = writeScenario(dir, 'relative', burst('  p95_latency: "<= baseline * 50"\n'));
    const result = await runCli(['run', scenario, '--reports', reports, '--baseline', runA, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(
      readFileSync(join(reports, readdirSync(reports)[0] ?? '', 'report.json'), 'utf8'),
    ) as RunReport;
    const baselineP95 = (JSON.parse(readFileSync(join(runA, 'report.json'), 'utf8')) as RunReport).latency.p95Ms ?? 0;
    const verdict = report.verdicts.find((v) => v.name === 'p95_latency');
    expect(verdict?.expected).toBe(`<= baseline * 50 (= ${formatDuration(tidy(baselineP95 * 50))})`);
    expect(verdict?.passed).toBe(true);
  });

  it('exits 2 naming the verdict when the scenario needs a baseline and none is given', async () => {
    const scenario = writeScenario(dir, 'unanchored', burst('  p95_latency: "<= baseline * 1.2"\n'));
    const result = await runCli(['run', scenario, '--reports', join(dir, 'c'), '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`p95_latency` compares against a baseline, but no --baseline was given');
  });
});

describe('smsgw report compare', { timeout: wholeProgramTimeoutMs }, () => {
  it('prints every metric of two runs with the change and % change', async () => {
    const result = await runCli(['report', 'compare', runA, join(runA, 'report.json')]);
    expect(result.code, result.stderr).toBe(0);
    for (const metric of [
      'injected',
      'delivered',
      'lost',
      'duplicates',
      'p50_latency',
      'p95_latency',
      'p99_latency',
      'peak_rss',
      'drain_time',
      'throughput',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^${metric}\\s`, 'm'));
    }
    expect(result.stdout).toMatch(/^injected\s+30\s+30\s+0\s+0%$/m);
  });

  it('prints the comparison as JSON with --json', async () => {
    const result = await runCli(['report', 'compare', runA, runA, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(comparison.metrics.find((metric) => metric.name === 'delivered')).toEqual({
      name: 'delivered',
      unit: 'count',
      a: 30,
      b: 30,
      change: 0,
      changeRatio: 0,
    });
  });

  it('exits 2 with a clear message for a path that holds no run', async () => {
    const result = await runCli(['report', 'compare', runA, join(dir, 'no-such-run')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No run at ${join(dir, 'no-such-run')}`);
  });

  it('exits 2 for a file that is not an smsgw report', async () => {
    const result = await runCli(['report', 'compare', runA, writeScenario(dir, 'not-a-report', 'name: x\n')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not JSON|is not an smsgw run report/);
  });
});
