import { describe, expect, it } from 'vitest';
import type { RunReport } from '../report/run-report';
import type { RunOptions, RunOutcome } from '../run/run-scenario';
import type { Verdict } from '../judge/verdicts';
import type { Scenario } from '../scenario/index';
import { planSteps, runSelftest, type SelftestEvent } from './run-selftest';
import { pickCases } from './selftest-cases';

/** A stand-in for runScenario: `lost` fails exactly when a drop is planted (or always, when `broken`). */
function fakeRun(broken = false) {
  const calls: string[] = [];
  const run = async (scenario: Scenario, options: RunOptions): Promise<RunOutcome> => {
    const defect = options.defects?.[0] ?? 'clean';
    calls.push(`${scenario.name} ${defect}`);
    const lost = defect.startsWith('drop') || broken ? 1 : 0;
    const verdicts: Verdict[] = [
      {
        name: 'lost',
        expected: '0',
        actual: String(lost),
        value: lost,
        result: lost === 0 ? 'pass' : 'fail',
        passed: lost === 0,
      },
    ];
    const report = { status: lost ? 'failed' : 'passed', verdicts, durationMs: 10 } as unknown as RunReport;
    return { report, dir: `/reports/${calls.length}` };
  };
  return { run, calls };
}

describe('planSteps', () => {
  it('runs each scenario clean first, then once per defect, in the order the cases name them', () => {
    const steps = planSteps(pickCases(['drop', 'latency', 'duplicate']), false);
    expect(steps.map((step) => `${step.scenario}:${step.label}`)).toEqual([
      'burst-1000:control',
      'burst-1000:drop',
      'burst-1000:duplicate',
      'trickle-30:control',
      'trickle-30:latency',
    ]);
  });

  it('judges the clean run of a screen scenario through Appium too, and can skip clean runs', () => {
    expect(planSteps(pickCases(['wrong-dashboard']), false).every((step) => step.appium)).toBe(true);
    expect(planSteps(pickCases(['drop']), true).map((step) => step.label)).toEqual(['drop']);
  });
});

describe('runSelftest', () => {
  it('passes when the planted defect fails its verdict and the clean run passes, and reports each run', async () => {
    const { run, calls } = fakeRun();
    const events: SelftestEvent['kind'][] = [];
    const result = await runSelftest({
      cases: pickCases(['drop']),
      reportsDir: '/reports',
      run,
      onEvent: (event) => events.push(event.kind),
    });
    expect(calls).toEqual(['selftest-burst-1000 clean', 'selftest-burst-1000 drop:0.1%']);
    expect(result.passed).toBe(true);
    expect(result.cases[0]).toMatchObject({ name: 'drop', caught: true });
    expect(events).toEqual(['step-start', 'step-done', 'step-start', 'step-done']);
  });

  it('fails when the clean run fails too', async () => {
    const result = await runSelftest({ cases: pickCases(['drop']), reportsDir: '/reports', run: fakeRun(true).run });
    expect(result.passed).toBe(false);
    expect(result.cases[0]?.detail).toMatch(/failed in the clean run too/);
  });

  it('fails a defect its verdict does not see', async () => {
    const result = await runSelftest({ cases: pickCases(['duplicate']), reportsDir: '/reports', run: fakeRun().run });
    expect(result.passed).toBe(false);
    expect(result.cases[0]?.caught).toBe(false);
  });

  it('refuses the wrong-dashboard case without a Health screen meter', async () => {
    await expect(
      runSelftest({ cases: pickCases(['wrong-dashboard']), reportsDir: '/reports', run: fakeRun().run }),
    ).rejects.toThrow(/measureHealthScreen/);
  });
});
