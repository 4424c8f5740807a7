import { describe, expect, it } from 'vitest';
import type { Verdict } from '../judge/verdicts';
import { judgeCase, type RunBrief } from './judge-case';
import type { SelftestResult } from './run-selftest';
import { selftestProgress } from './selftest-progress';
import { selftestTable } from './selftest-table';
import { pickCases } from './selftest-cases';

const lost = (value: number): Verdict => ({
  name: 'lost',
  expected: '0',
  actual: String(value),
  value,
  result: value === 0 ? 'pass' : 'fail',
  passed: value === 0,
});
const brief = (verdict: Verdict): RunBrief => ({
  status: verdict.passed ? 'passed' : 'failed',
  verdicts: [verdict],
  failed: verdict.passed ? [] : [verdict.name],
  report: '/reports/burst-1000/control/run/report.json',
  durationMs: 12_345,
});

function result(control: RunBrief): SelftestResult {
  const [drop] = pickCases(['drop']);
  const row = judgeCase(drop!, brief(lost(1)), control);
  return {
    cases: [row],
    controls: { 'burst-1000': control },
    passed: row.caught && control.status === 'passed',
    durationMs: 95_400,
  };
}

describe('selftestTable', () => {
  it('shows each defect, its verdict, what it measured with and without the defect, and whether it was caught', () => {
    expect(selftestTable(result(brief(lost(0))), { color: false })).toBe(
      [
        'defect     verdict  expected  with defect  clean run  caught',
        'drop:0.1%  lost     0         1            0          yes',
        '',
        'selftest: PASSED — 1 of 1 planted defects caught, in 1m35s',
      ].join('\n'),
    );
  });

  it('says why a defect went uncaught and which clean run failed', () => {
    const table = selftestTable(result(brief(lost(2))), { color: false });
    expect(table).toContain('drop:0.1%  lost     0         1            2          NO');
    expect(table).toContain('drop:0.1% not caught by lost: it failed in the clean run too (2 against 0)');
    expect(table).toContain(
      'the clean run of burst-1000 failed (lost): see /reports/burst-1000/control/run/report.json',
    );
    expect(table).toMatch(/selftest: FAILED — 0 of 1/);
  });
});

describe('selftestProgress', () => {
  const step = { scenario: 'burst-1000', defect: 'drop:0.1%', label: 'drop', appium: false };

  it('writes a line when a run starts and when it ends, when not on a terminal', () => {
    let written = '';
    const onEvent = selftestProgress({ write: (text: string) => (written += text) });
    onEvent({ kind: 'step-start', step, index: 1, total: 9 });
    onEvent({ kind: 'step-done', step, index: 1, total: 9, brief: brief(lost(1)) });
    expect(written).toBe(
      'smsgw selftest: [2/9] burst-1000 with drop:0.1%…\nsmsgw selftest: [2/9] burst-1000 with drop:0.1% — failed: lost (12.3s)\n',
    );
  });
});
