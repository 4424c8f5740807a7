import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, parseOverride } from '../scenario/index';
import { openInjectionStore } from '../injection/injection-store';
import { VERSION } from '../version';
import { summarizeRun } from './summarize-run';
import { expectValidReport } from '../../test/support/report-schema';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smsgw-metadata-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const yaml = 'name: meta\nseed: 77\nload: [ { burst: { count: 1, over: 1s } } ]\n';

/** The report of a run of the scenario file at `file`, as summarizeRun writes it. */
async function reportOf(file: string, overrides: readonly string[] = []) {
  const scenario = await loadScenario(file, overrides.map(parseOverride));
  return summarizeRun({
    scenario,
    file,
    runId: 'r',
    startedAt: new Date(0),
    loadStartedAt: 0,
    loadEndedAt: 1_000,
    drainedAt: 1_000,
    planned: 1,
    log: openInjectionStore(':memory:'),
    ledgerPath: null,
    stubStats: {},
    deviceHealth: null,
    peakRssBytes: null,
    timeline: [],
    interrupted: false,
    failure: null,
    environment: {},
  }).report;
}

describe('a report names what made it', () => {
  it("carries the SHA-256 of the scenario file's bytes as read, the seed and the smsgw version", async () => {
    // A byte order mark and Windows line ends are part of the file's bytes, though not of the scenario.
    const bytes = Buffer.from(`\ufeff${yaml.replaceAll('\n', '\r\n')}`, 'utf8');
    const file = join(dir, 'meta.yaml');
    await writeFile(file, bytes);
    const report = await reportOf(file);
    expect(report.scenario.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(report).toMatchObject({ smsgwVersion: VERSION, seed: 77, scenario: { name: 'meta', file } });
  });

  it('tells two files of the same scenario apart when their bytes differ', async () => {
    const plain = join(dir, 'plain.yaml');
    const commented = join(dir, 'commented.yaml');
    await writeFile(plain, yaml);
    await writeFile(commented, `# tuned for CI\n${yaml}`);
    const [a, b] = await Promise.all([reportOf(plain), reportOf(commented)]);
    expect(a.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.scenario.sha256).not.toBe(b.scenario.sha256);
    expect(a.seed).toBe(b.seed);
  });

  it("names the --set overrides it ran with, the seed they set, and the file's own hash", async () => {
    const file = join(dir, 'overridden.yaml');
    await writeFile(file, yaml);
    const plain = await reportOf(file);
    const overridden = await reportOf(file, ['seed=3', 'load.0.burst.count=2']);
    expect(overridden).toMatchObject({ seed: 3, overrides: ['seed=3', 'load.0.burst.count=2'] });
    // The hash is of the file as read: the same file with overrides is still the same file.
    expect(overridden.scenario.sha256).toBe(plain.scenario.sha256);
    expect(plain.overrides).toBeUndefined();
    expectValidReport(JSON.parse(JSON.stringify(overridden)));
  });
});
