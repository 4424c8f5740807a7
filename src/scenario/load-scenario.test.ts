import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { totalMessages } from '../load/step-size';
import { loadScenario } from './load-scenario';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const shipped = (await readdir(scenariosDir)).filter((file) => file.endsWith('.yaml'));

describe('loadScenario', () => {
  it('finds the scenarios the project ships', () => {
    expect(shipped).toEqual(expect.arrayContaining(['burst-100.yaml', 'flaky-server.yaml', 'server-outage.yaml', 'steady-5-per-second.yaml']));
  });

  it.each(shipped)('loads the shipped scenario %s, named after its file', async (file) => {
    const scenario = await loadScenario(join(scenariosDir, file));
    expect(`${scenario.name}.yaml`).toBe(file);
    expect(scenario.expect.lost).toMatchObject({ op: '<=', value: 0 });
    expect(scenario.expect.duplicates).toMatchObject({ op: '<=', value: 0 });
  });

  it('reads burst-100 as the seed acceptance test', async () => {
    const scenario = await loadScenario(join(scenariosDir, 'burst-100.yaml'));
    expect(scenario.load).toEqual([{ kind: 'burst', count: 100, overMs: 10_000 }]);
    expect(scenario.server.faults).toEqual([]);
    expect(scenario.expect).toMatchObject({
      success_rate: { op: '>=', value: 1 },
      p95_latency: { op: '<', value: 2000 },
      device_rss: { op: '<', value: 200_000_000 },
      drained_within: { op: '<=', value: 60_000 },
    });
  });

  it('reads flaky-server and server-outage with their faults', async () => {
    const flaky = await loadScenario(join(scenariosDir, 'flaky-server.yaml'));
    expect(flaky.server.faults).toEqual([
      { kind: 'status', status: 503, rate: 0.2, retryAfterMs: 1000, window: null },
      { kind: 'reset', rate: 0.05, window: null },
      { kind: 'delay', delayMs: 300, rate: 0.1, window: null },
    ]);
    expect(totalMessages(flaky.load)).toBe(200);
    const outage = await loadScenario(join(scenariosDir, 'server-outage.yaml'));
    expect(outage.server.faults).toEqual([{ kind: 'outage', window: { atMs: 3000, forMs: 15_000 } }]);
    expect(outage.expect.drained_within).toMatchObject({ op: '<=', value: 120_000 });
  });

  it('reads steady-5-per-second as 300 SMS over a minute', async () => {
    const steady = await loadScenario(join(scenariosDir, 'steady-5-per-second.yaml'));
    expect(steady.load).toEqual([{ kind: 'constant', ratePerSec: 5, forMs: 60_000 }]);
    expect(totalMessages(steady.load)).toBe(300);
  });

  describe('when the file cannot be read', () => {
    let dir = '';
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('says so with code bad-scenario (exit 2) for a missing file', async () => {
      const error = await loadScenario('no/such/scenario.yaml').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SmsgwError);
      expect(error).toMatchObject({ code: 'bad-scenario', exitCode: 2, message: 'no/such/scenario.yaml: no such file' });
      expect((error as SmsgwError).hint).toContain('scenarios/burst-100.yaml');
    });

    it('says so for a directory', async () => {
      dir = await mkdtemp(join(tmpdir(), 'smsgw-scenario-'));
      await expect(loadScenario(dir)).rejects.toMatchObject({ code: 'bad-scenario', message: `${dir}: is a directory, not a scenario file` });
    });
  });
});
