import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import {
  abortLine,
  abortNeedsTrace,
  firstAbortFailure,
  withAbort,
  type MidRunMeasurements,
  type RunAbort,
} from './abort-verdicts';
import type { Verdict } from './verdicts';

const expectOf = (block: string) =>
  parseScenario(`name: a\nload: [ { burst: { count: 10, over: 1s } } ]\nexpect:\n${block}`, 'a.yaml').expect;

const abortingEverything = expectOf(
  [
    '  lost: { threshold: 0, abort_on_fail: true }',
    '  duplicates: { threshold: 0, abort_on_fail: true }',
    '  refused: { threshold: 1, abort_on_fail: true }',
    '  unanswered: { threshold: 0, abort_on_fail: true }',
    '  gave_up: { threshold: 2, abort_on_fail: true }',
    '  latency: { max: { threshold: "< 5s", abort_on_fail: true } }',
    '  device_rss: { threshold: "< 200MB", abort_on_fail: true }',
    '  content_intact: { threshold: true, abort_on_fail: true }',
    '  signatures_valid: { threshold: true, abort_on_fail: true }',
    '',
  ].join('\n'),
);

const healthy: MidRunMeasurements = {
  acknowledged: 50,
  serverAccepted: 45,
  refused: 1,
  unanswered: 0,
  gaveUp: 0,
  deviceRssBytes: 120e6,
  signatures: { bad: 0, stale: 0, replayed: 0 },
  trace: { duplicates: 0, corrupted: 0, maxLatencyMs: 900, delivered: 45 },
};

const failing = (m: MidRunMeasurements, expect_ = abortingEverything) => firstAbortFailure(expect_, m);

describe('firstAbortFailure', () => {
  it('stops nothing while every verdict it aborts on is within its bound', () => {
    expect(failing(healthy)).toBeNull();
  });

  it('fails each abortable verdict on the sample it goes over its bound', () => {
    const cases: [Partial<MidRunMeasurements>, string, string][] = [
      [{ refused: 2 }, 'refused', '2'],
      [{ unanswered: 1 }, 'unanswered', '1'],
      [{ gaveUp: 3, serverAccepted: 50 }, 'gave_up', '3'],
      [{ deviceRssBytes: 250e6 }, 'device_rss', '250MB'],
      [{ signatures: { bad: 0, stale: 1, replayed: 0 } }, 'signatures_valid', 'false'],
      [{ trace: { ...healthy.trace!, duplicates: 1 } }, 'duplicates', '1'],
      [{ trace: { ...healthy.trace!, maxLatencyMs: 5_000 } }, 'max_latency', '5s'],
      [{ trace: { ...healthy.trace!, corrupted: 1 } }, 'content_intact', 'false'],
    ];
    for (const [change, name, actual] of cases)
      expect(failing({ ...healthy, ...change }), name).toMatchObject({ name, actual, result: 'fail', passed: false });
  });

  it('fails lost only for SMS the app gave up on that the ledger lacks too', () => {
    // Given up on 2, and the server lacks 5 of the acknowledged: 2 known lost.
    expect(
      failing({ ...healthy, gaveUp: 2 }, expectOf('  lost: { threshold: 0, abort_on_fail: true }\n')),
    ).toMatchObject({
      name: 'lost',
      value: 2,
      detail:
        '2 SMS known lost mid-run: the app gave up on 2 (its own count) and the server had accepted 45 of 50 acknowledged SMS (its ledger)',
    });
    // The server has every acknowledged SMS: whatever the device says, nothing is known lost.
    const lostOnly = expectOf('  lost: { threshold: 0, abort_on_fail: true }\n');
    expect(failing({ ...healthy, gaveUp: 4, serverAccepted: 50 }, lostOnly)).toBeNull();
    // It lacks 1: at most 1 of the 4 given up is lost, and 1 is within `lost: 1`.
    expect(failing({ ...healthy, gaveUp: 4, serverAccepted: 49 }, lostOnly)).toMatchObject({ value: 1 });
    const allowOne = expectOf('  lost: { threshold: 1, abort_on_fail: true }\n');
    expect(failing({ ...healthy, gaveUp: 4, serverAccepted: 49 }, allowOne)).toBeNull();
  });

  it('aborts on nothing it has not measured yet: no health read, no trace this sample, nothing signed', () => {
    expect(failing({ ...healthy, gaveUp: null, acknowledged: 100, serverAccepted: 0 })).toBeNull();
    expect(failing({ ...healthy, deviceRssBytes: null, trace: null, signatures: null })).toBeNull();
  });

  it('judges only the verdicts the scenario aborts on', () => {
    const lostOnly = expectOf('  lost: { threshold: 0, abort_on_fail: true }\n  refused: 0\n');
    expect(failing({ ...healthy, refused: 9, unanswered: 9, deviceRssBytes: 9e9 }, lostOnly)).toBeNull();
    expect(failing({ ...healthy, gaveUp: 9 }, expectOf('  lost: 0\n'))).toBeNull();
  });

  it('traces the run on a sample only when it aborts on duplicates, the slowest SMS or the texts', () => {
    expect(abortNeedsTrace(abortingEverything)).toBe(true);
    expect(abortNeedsTrace(expectOf('  lost: { threshold: 0, abort_on_fail: true }\n  refused: 0\n'))).toBe(false);
    expect(abortNeedsTrace(expectOf('  latency: { max: { threshold: 1s, abort_on_fail: true } }\n'))).toBe(true);
  });
});

const verdict = (name: string, result: Verdict['result'], value: number | null, detail?: string): Verdict => ({
  name,
  expected: '0',
  actual: value === null ? 'not measured' : String(value),
  value,
  result,
  passed: result === 'pass',
  ...(detail === undefined ? {} : { detail }),
});

const abort: RunAbort = {
  verdict: verdict('lost', 'fail', 2, '2 SMS known lost mid-run'),
  atMs: 6_540,
  loadMs: 2_030,
  plannedLoadMs: 15_000,
};

describe('an aborted run', () => {
  it('fails the verdict that stopped it as judged when it stopped, where the end could not judge it', () => {
    const marked = withAbort([verdict('lost', 'not-judged', 7), verdict('duplicates', 'not-judged', 0)], abort);
    expect(marked[0]).toMatchObject({
      name: 'lost',
      result: 'fail',
      passed: false,
      value: 2,
      detail: '2 SMS known lost mid-run; the run was aborted on it 6.5s into the run',
    });
    expect(marked[1]).toMatchObject({ name: 'duplicates', result: 'not-judged' });
  });

  it('keeps the end figure of a verdict that still fails at the end, and never passes one', () => {
    const refusedAbort = { ...abort, verdict: verdict('refused', 'fail', 2, '2 refused') };
    expect(withAbort([verdict('refused', 'fail', 3, '3 refused')], refusedAbort)[0]).toMatchObject({
      value: 3,
      result: 'fail',
      detail: '3 refused; the run was aborted on it 6.5s into the run',
    });
    expect(withAbort([verdict('refused', 'pass', 0)], refusedAbort)[0]).toMatchObject({ result: 'fail', value: 2 });
  });

  it('says in one line which verdict stopped the run, when, and what it saw', () => {
    expect(abortLine(abort)).toBe(
      'aborted by `lost` (abort_on_fail) 6.5s into the run, 2s into a 15s load: 2 against 0; 2 SMS known lost mid-run',
    );
  });
});
