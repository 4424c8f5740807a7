import { describe, expect, it } from 'vitest';
import type { Verdict } from '../judge/verdicts';
import { judgeCase, type RunBrief } from './judge-case';
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
