import { describe, expect, it } from 'vitest';
import type { RunReport } from './run-report';
import { verdictTable } from './verdict-table';

const report = (overrides: Partial<RunReport>): RunReport =>
  ({
    schemaVersion: 1,
    runId: 'r',
    status: 'interrupted',
    scenario: { name: 'soak', description: 'd', file: 'f' },
    counts: {
      planned: 10,
      sent: 4,
      injected: 3,
      refused: 0,
      unanswered: 1,
      inDoubt: 0,
      inDoubtDelivered: 0,
      delivered: 3,
      lost: 0,
      duplicates: 0,
      redeliveries: 0,
    },
    verdicts: [],
    ...overrides,
  }) as unknown as RunReport;

describe('verdictTable', () => {
  it('prints a verdict the run could not judge as NOT JUDGED, and counts unanswered SMS in the summary', () => {
    const table = verdictTable(
      report({
        verdicts: [
          { name: 'unanswered', expected: '0', actual: '1', value: 1, result: 'fail', passed: false },
          {
            name: 'drained_within',
            expected: '1m',
            actual: 'not measured',
            value: null,
            result: 'not-judged',
            passed: false,
          },
        ],
      }),
      { color: false },
    );
    expect(table.split('\n').slice(0, 3)).toEqual([
      'verdict         expected  actual        result',
      'unanswered      0         1             FAIL',
      'drained_within  1m        not measured  NOT JUDGED',
    ]);
    expect(table).toContain(
      'soak: INTERRUPTED — injected 3, delivered 3, lost 0, duplicates 0, redeliveries 0, unanswered 1',
    );
  });

  it('reads a report written before verdicts had a result by their pass flag', () => {
    const old = {
      name: 'lost',
      expected: '0',
      actual: '0',
      value: 0,
      passed: true,
    } as unknown as RunReport['verdicts'][number];
    expect(verdictTable(report({ verdicts: [old] }), { color: false })).toMatch(/lost\s+0\s+0\s+PASS/);
  });
});
