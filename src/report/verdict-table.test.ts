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

  it('says how many SMS the app gave up on, and which clock the latencies and the drain are on', () => {
    const table = verdictTable(
      report({
        status: 'passed',
        counts: { ...report({}).counts, lost: 20, gaveUp: 20 },
        latency: { clock: 'harness wall clock', p50Ms: 12, p95Ms: 1_500, p99Ms: 2_000, maxMs: 2_100 },
        phases: { clock: 'harness wall clock', loadMs: 35_000, drainMs: 800 },
        deviceClock: { speed: 10_000, note: '' },
      }),
      { color: false },
    );
    expect(table).toContain('lost 20, duplicates 0, redeliveries 0, unanswered 1, gave up 20');
    expect(table.split('\n').at(-1)).toBe(
      "latency p50 12 ms, p95 1.5 s, drain 800 ms (harness wall clock); the device's clock ran 10000x",
    );
  });

  it('names the harness clock alone when the device ran in real time', () => {
    const table = verdictTable(
      report({
        latency: { p50Ms: 40, p95Ms: 90, p99Ms: 95, maxMs: 99 },
        phases: { loadMs: 1_000, drainMs: null },
        deviceClock: { speed: 1, note: '' },
      }),
      { color: false },
    );
    expect(table.split('\n').at(-1)).toBe('latency p50 40 ms, p95 90 ms, drain — (harness wall clock)');
  });
  it("says why the lost SMS were never delivered, in the device's words, under the summary", () => {
    const says =
      'queue paused: TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it';
    const table = verdictTable(report({ status: 'failed', deviceSays: says }), { color: false });
    expect(table).toContain(`undelivered: the device says ${says}`);
    expect(verdictTable(report({}), { color: false })).not.toContain('undelivered');
  });
});
