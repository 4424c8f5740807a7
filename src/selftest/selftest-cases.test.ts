import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index';
import { defectKinds, parseDefect } from '../device/virtual/defects';
import { pickCases, selftestCases, selftestScenarioPath } from './selftest-cases';

describe('selftestCases', () => {
  it('plants every kind of defect the virtual device knows', () => {
    const planted = selftestCases.filter((selftestCase) => selftestCase.serverFault === undefined);
    const kinds = new Set(planted.map((selftestCase) => parseDefect(selftestCase.defect).kind));
    expect([...kinds].sort()).toEqual([...defectKinds].sort());
  });

  it('plants a fault only the server side sees, so latency is measured to the 2xx the server wrote', () => {
    expect(selftestCases.filter((selftestCase) => selftestCase.serverFault !== undefined)).toEqual([
      expect.objectContaining({
        name: 'server-delay',
        verdict: 'p95_latency',
        serverFault: expect.objectContaining({ kind: 'delay', delayMs: 600, rate: 1 }),
      }),
    ]);
  });

  it('points each case at a valid scenario that judges its verdict', async () => {
    for (const selftestCase of selftestCases) {
      const file = selftestScenarioPath(selftestCase.scenario);
      expect(existsSync(file), file).toBe(true);
      const scenario = await loadScenario(file);
      expect(Object.keys(scenario.expect), selftestCase.name).toContain(selftestCase.verdict);
    }
  });
});

describe('selftest cases that must stop their run', () => {
  it("exist, and each one's verdict carries abort_on_fail in its scenario", async () => {
    const aborting = selftestCases.filter((selftestCase) => selftestCase.abortsEarly);
    expect(aborting.map((selftestCase) => selftestCase.name)).toEqual(['give-up-abort']);
    for (const selftestCase of aborting) {
      const scenario = await loadScenario(selftestScenarioPath(selftestCase.scenario));
      expect(scenario.expect.abortOnFail, selftestCase.name).toContain(selftestCase.verdict);
    }
  });
});

describe('pickCases', () => {
  it('picks every case for an empty list, and the named ones in table order', () => {
    expect(pickCases([])).toHaveLength(selftestCases.length);
    expect(pickCases(['latency', 'drop']).map((selftestCase) => selftestCase.name)).toEqual(['drop', 'latency']);
  });

  it('rejects an unknown name as bad input, listing the known ones', () => {
    expect(() => pickCases(['drop', 'explode'])).toThrow(/got "explode"/);
    try {
      pickCases(['explode']);
    } catch (error) {
      expect((error as { exitCode: number; hint: string }).exitCode).toBe(2);
      expect((error as { hint: string }).hint).toContain('skip-signature');
    }
  });
});
