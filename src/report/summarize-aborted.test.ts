import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { openInjectionStore } from '../injection/injection-store';
import type { RunAbort } from '../judge/abort-verdicts';
import { junitXml } from './junit';
import { summarizeRun, type RunRecord } from './summarize-run';
import { verdictTable } from './verdict-table';
import { healthOf } from '../../test/support/metrics-kit';

const scenario = parseScenario(
  'name: s\nload: [ { constant: { rate: 5/s, for: 15s } } ]\nexpect:\n  lost: { threshold: 0, abort_on_fail: true }\n  success_rate: ">= 95%"\n  latency: { p99: "< 5s" }\n  drained_within: 30s\n',
  's.yaml',
);

const abort: RunAbort = {
  verdict: {
    name: 'lost',
    expected: '0',
    actual: '1',
    value: 1,
    result: 'fail',
    passed: false,
    detail: '1 SMS known lost mid-run: the app gave up on 1 (its own count)',
  },
  atMs: 4_200,
  loadMs: 2_000,
  plannedLoadMs: 15_000,
};

function abortedRecord(): RunRecord {
  const log = openInjectionStore(':memory:');
  log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
  log.acknowledged({ index: 1, sender: '+1', text: 'b', injectedAt: 11 });
  return {
    scenario,
    file: 's.yaml',
    runId: 'r',
    startedAt: new Date(0),
    loadStartedAt: 2_200,
    loadEndedAt: 4_200,
    drainedAt: null,
    planned: 75,
    log,
    ledgerPath: null,
    stubStats: {},
    deviceHealth: healthOf({ gaveUp: 1 }),
    peakRssBytes: 100e6,
    timeline: [],
    interrupted: false,
    failure: null,
    environment: {},
    aborted: abort,
  };
}

describe('the report of a run a verdict aborted', () => {
  it('fails that verdict with what it saw when it stopped the run, and judges nothing it could not know', () => {
    const { report } = summarizeRun(abortedRecord());
    expect(report.status).toBe('failed');
    const byName = Object.fromEntries(report.verdicts.map((verdict) => [verdict.name, verdict]));
    // The trace counts both SMS lost (nothing drained); the verdict keeps the one known lost mid-run.
    expect(byName.lost).toMatchObject({
      result: 'fail',
      value: 1,
      detail:
        '1 SMS known lost mid-run: the app gave up on 1 (its own count); the run was aborted on it 4.2s into the run',
    });
    for (const name of ['success_rate', 'p99_latency', 'drained_within', 'duplicates'])
      expect(byName[name], name).toMatchObject({
        result: 'not-judged',
        detail: 'not judged: the run was aborted by `lost` before it could be',
      });
    expect(report.verdicts.some((verdict) => verdict.result === 'pass')).toBe(false);
  });

  it('says which verdict aborted the run and when, in report.json, the table and junit.xml', () => {
    const { report } = summarizeRun(abortedRecord());
    expect(report.aborted).toEqual({ verdict: 'lost', atMs: 4_200, loadMs: 2_000, plannedLoadMs: 15_000 });
    expect(report.error).toBe(
      'aborted by `lost` (abort_on_fail) 4.2s into the run, 2s into a 15s load: 1 against 0; 1 SMS known lost mid-run: the app gave up on 1 (its own count)',
    );
    expect(verdictTable(report, { color: false })).toContain(`\n${report.error}\n`);
    const xml = junitXml(report);
    expect(xml).toMatch(/<failure message="expected 0, got 1" type="verdict">[^<]*the run was aborted on it 4.2s/);
  });

  it('writes no abort into the report of a run nothing aborted', () => {
    const { report } = summarizeRun({ ...abortedRecord(), aborted: null, drainedAt: 4_300 });
    expect(report).not.toHaveProperty('aborted');
    expect(report.verdicts.find((verdict) => verdict.name === 'lost')).toMatchObject({ result: 'fail', value: 2 });
  });
});
