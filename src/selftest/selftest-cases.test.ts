import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index';
import { parseDefect } from '../device/virtual/defects';
import { pickCases, selftestCases, selftestScenarioPath } from './selftest-cases';

describe('selftestCases', () => {
  it('plants every kind of defect the virtual device knows', () => {
    const kinds = new Set(selftestCases.map((selftestCase) => parseDefect(selftestCase.defect).kind));
    expect([...kinds].sort()).toEqual(['drop', 'duplicate', 'latency', 'leak', 'mangle', 'skip-signature', 'wrong-dashboard']);
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
