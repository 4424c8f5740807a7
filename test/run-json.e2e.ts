// `smsgw run` for machines: one JSON document however many scenarios run, and the environment's
// SMSGW_* variables taking the place of flags, through the real binary and real runs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import type { RunReport } from '../src/report/run-report';

const tiny = (name: string, count: number): string =>
  `name: ${name}\nload:\n  - burst: { count: ${count}, over: 0s }\n`;

/** Sender and text of each SMS a run injected, in order: what the seed decides. */
function drawn(reportsDir: string): string[] {
  const [run] = readdirSync(reportsDir);
  return readFileSync(join(reportsDir, run!, 'trace.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { sender, text } = JSON.parse(line) as { sender: string; text: string };
      return `${sender} ${text}`;
    });
}

describe('smsgw run for machines', { timeout: wholeProgramTimeoutMs }, () => {
  it('prints the reports of two scenarios as one JSON array with --json, and one line each with --ndjson', async () => {
    const dir = tempDir();
    const first = writeScenario(dir, 'first', tiny('json-first', 3));
    const second = writeScenario(dir, 'second', tiny('json-second', 2));

    const json = await runCli(['run', first, second, '--json', '--reports', join(dir, 'json')]);
    expect(json.code, json.stderr).toBe(0);
    const reports = JSON.parse(json.stdout) as RunReport[];
    expect(reports.map((report) => [report.scenario.name, report.status, report.counts.delivered])).toEqual([
      ['json-first', 'passed', 3],
      ['json-second', 'passed', 2],
    ]);

    const ndjson = await runCli(['run', first, second, '--ndjson', '--reports', join(dir, 'ndjson')]);
    expect(ndjson.code, ndjson.stderr).toBe(0);
    const lines = ndjson.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => (JSON.parse(line) as RunReport).scenario.name)).toEqual(['json-first', 'json-second']);
  });

  it('runs with SMSGW_SEED=7 and SMSGW_SET as with --seed 7 and --set: same seed, same SMS, overrides recorded', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'seeded', tiny('seeded', 2));
    const flags = await runCli([
      'run',
      scenario,
      '--seed',
      '7',
      '--set',
      'load.0.burst.count=4',
      '--json',
      '--no-redact',
      '--reports',
      join(dir, 'flags'),
    ]);
    const env = await runCli(['run', scenario], {
      SMSGW_SEED: '7',
      SMSGW_SET: 'load.0.burst.count=4',
      SMSGW_JSON: '1',
      SMSGW_NO_REDACT: 'true',
      SMSGW_REPORTS: join(dir, 'env'),
    });
    expect(flags.code, flags.stderr).toBe(0);
    expect(env.code, env.stderr).toBe(0);
    const [byFlags] = JSON.parse(flags.stdout) as [RunReport];
    const [byEnv] = JSON.parse(env.stdout) as [RunReport];
    expect(byEnv).toMatchObject({ seed: 7, overrides: ['load.0.burst.count=4'], redacted: false });
    expect(byEnv.counts.injected).toBe(4);
    expect(byFlags).toMatchObject({ seed: byEnv.seed, overrides: byEnv.overrides });
    expect(drawn(join(dir, 'env'))).toEqual(drawn(join(dir, 'flags')));

    const unseeded = await runCli(['run', scenario, '--json', '--no-redact', '--reports', join(dir, 'unseeded')]);
    const [plain] = JSON.parse(unseeded.stdout) as [RunReport];
    expect(plain.seed).toBe(1);
    expect(plain).not.toHaveProperty('overrides');
    expect(drawn(join(dir, 'unseeded'))).not.toEqual(drawn(join(dir, 'env')).slice(0, 2));
  });
});
