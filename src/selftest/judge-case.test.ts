import { describe, expect, it } from 'vitest';
import type { Verdict } from '../judge/verdicts';
import type { RunReport } from '../report/run-report';
import { briefOf, judgeCase, type RunBrief } from './judge-case';
import type { SelftestCase } from './selftest-cases';

const drop: SelftestCase = { name: 'drop', defect: 'drop:0.1%', scenario: 'burst-1000', verdict: 'lost' };

const lost = (value: number): Verdict => ({
  name: 'lost',
  expected: '0',
  actual: String(value),
  value,
  result: value === 0 ? 'pass' : 'fail',
  passed: value === 0,
});
const duplicates: Verdict = { name: 'duplicates', expected: '0', actual: '0', value: 0, result: 'pass', passed: true };

function brief(verdicts: readonly Verdict[]): RunBrief {
  const failed = verdicts.filter((verdict) => !verdict.passed).map((verdict) => verdict.name);
  return {
    status: failed.length ? 'failed' : 'passed',
    verdicts,
    failed,
    report: 'reports/x/report.json',
    durationMs: 1000,
  };
}

describe('judgeCase', () => {
  it('counts a defect as caught when its verdict fails with it and passes in the clean run', () => {
    const result = judgeCase(drop, brief([lost(1), duplicates]), brief([lost(0), duplicates]));
    expect(result.caught).toBe(true);
    expect(result.detail).toBe('1 against 0; clean run 0');
    expect(result.alsoFailed).toEqual([]);
  });

  it('does not count a verdict that passed with the defect planted', () => {
    const result = judgeCase(drop, brief([lost(0)]), brief([lost(0)]));
    expect(result.caught).toBe(false);
    expect(result.detail).toMatch(/passed with the defect planted/);
  });

  it('does not count a verdict that fails in the clean run too', () => {
    const result = judgeCase(drop, brief([lost(3)]), brief([lost(2)]));
    expect(result.caught).toBe(false);
    expect(result.detail).toMatch(/failed in the clean run too/);
  });

  it('does not count a scenario that lacks the verdict', () => {
    expect(judgeCase(drop, brief([duplicates]), brief([duplicates])).detail).toMatch(/no such verdict/);
  });

  it('names the other verdicts the defect failed', () => {
    const signatures: Verdict = {
      name: 'signatures_valid',
      expected: 'true',
      actual: 'false',
      value: false,
      result: 'fail',
      passed: false,
    };
    const skip: SelftestCase = {
      name: 'skip-signature',
      defect: 'skip-signature',
      scenario: 'trickle-30',
      verdict: 'signatures_valid',
    };
    const result = judgeCase(skip, brief([lost(30), signatures]), null);
    expect(result).toMatchObject({ caught: true, alsoFailed: ['lost'], control: null });
  });
});

describe('judgeCase for a verdict that aborts the run', () => {
  const giveUpAbort: SelftestCase = {
    name: 'give-up-abort',
    defect: 'retry-budget:2',
    scenario: 'give-up-abort',
    verdict: 'lost',
    abortsEarly: true,
  };
  const stopped = (verdict: string, loadMs: number): RunBrief => ({
    ...brief([lost(2)]),
    aborted: { verdict, atMs: loadMs + 2_000, loadMs, plannedLoadMs: 15_000 },
  });

  it('counts the defect as caught when its verdict failed and stopped the run before half its load', () => {
    const result = judgeCase(giveUpAbort, stopped('lost', 2_000), brief([lost(0)]));
    expect(result).toMatchObject({
      caught: true,
      detail: '2 against 0; clean run 0; stopped the run 2.0 s into its 15.0 s load',
    });
  });

  it('does not count a failure the run only found at its end, or one that stopped it late', () => {
    expect(judgeCase(giveUpAbort, brief([lost(2)]), brief([lost(0)]))).toMatchObject({
      caught: false,
      detail: '2 against 0; clean run 0, but it did not stop the run',
    });
    expect(judgeCase(giveUpAbort, stopped('lost', 9_000), brief([lost(0)])).detail).toMatch(
      /but it stopped the run 9.0 s into its 15.0 s load$/,
    );
    expect(judgeCase(giveUpAbort, stopped('duplicates', 1_000), brief([lost(0)])).detail).toBe(
      'the run was stopped by `duplicates` instead',
    );
  });

  it('lists as failed only the verdicts that failed, not the ones the stopped run could not judge', () => {
    const notJudged: Verdict = { ...duplicates, result: 'not-judged', passed: false };
    const report = { verdicts: [lost(2), notJudged], status: 'failed', durationMs: 5 } as unknown as RunReport;
    expect(briefOf(report, 'reports/x').failed).toEqual(['lost']);
  });
});
