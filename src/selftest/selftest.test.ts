// The selftest for real: every defect planted into a virtual device, each run judged through
// runScenario, as `smsgw selftest` does. Minutes long: a clean run per scenario and a run per defect, five of
// them 1,000 SMS, one with a hung console, and Appium.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSelftest } from './run-selftest';
import { selftestCases } from './selftest-cases';
import { openScreenMeter } from './screen-meter';

const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-selftest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('smsgw selftest', () => {
  it(
    'catches every planted defect with its own verdict, and every clean run passes',
    async () => {
      const meter = openScreenMeter(() => {});
      try {
        const result = await runSelftest({ cases: selftestCases, reportsDir: dir, measureHealthScreen: meter.measure });
        const caught = result.cases.map((row) => ({
          defect: row.defect,
          verdict: row.verdict,
          caught: row.caught,
          detail: row.detail,
        }));
        expect(caught).toEqual(
          selftestCases.map((row) => ({
            defect: row.defect,
            verdict: row.verdict,
            caught: true,
            detail: expect.any(String),
          })),
        );
        // One clean run per scenario the cases use, each passing.
        const scenarios = new Set(selftestCases.map((row) => row.scenario));
        expect(Object.values(result.controls).map((control) => control.status)).toEqual(
          [...scenarios].map(() => 'passed'),
        );
        expect(result.passed).toBe(true);
      } finally {
        await meter.close();
      }
    },
    // Measured 3-5 minutes on a 2-core machine shared with other builds; a wedged run ends far sooner.
    15 * 60_000,
  );
});
