import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { junitXml } from './junit';
import { SmsgwError } from '../errors';
import { summarizeRun, type RunRecord } from './summarize-run';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { healthOf } from '../../test/support/metrics-kit';

const scenario = parseScenario(
  'name: s\nload: [ { burst: { count: 4, over: 1s } } ]\nexpect:\n  success_rate: ">= 95%"\n  drained_within: 1m\n  device_rss: "< 200MB"\n',
  's.yaml',
);

const record = (log: InjectionStore, overrides: Partial<RunRecord> = {}): RunRecord => ({
  scenario,
  file: 's.yaml',
  runId: 'r',
  startedAt: new Date(0),
  loadStartedAt: 0,
  loadEndedAt: 1_000,
  drainedAt: 1_200,
  planned: 4,
  log,
  ledgerPath: null,
  stubStats: {},
  deviceHealth: null,
  peakRssBytes: 100e6,
  timeline: [],
  interrupted: false,
  failure: null,
  environment: {},
  ...overrides,
});

const results = (summary: Pick<ReturnType<typeof summarizeRun>, 'report'>) =>
  Object.fromEntries(summary.report.verdicts.map((verdict) => [verdict.name, verdict.result]));

describe('summarizeRun', () => {
  it('judges nothing in a run that never started: every verdict not judged, skipped in junit.xml, none passed', () => {
    const failure = new SmsgwError('device-unavailable', 'The virtual device did not start');
    const summary = summarizeRun(
      record(openInjectionStore(':memory:'), {
        loadEndedAt: null,
        drainedAt: null,
        peakRssBytes: null,
        planned: 4,
        failure,
      }),
    );
    expect(summary.report.status).toBe('error');
    expect(new Set(Object.values(results(summary)))).toEqual(new Set(['not-judged']));
    const xml = junitXml(summary.report);
    expect(xml).not.toMatch(/<testcase [^>]*name="lost"[^>]*><\/testcase>/);
    expect(xml).toMatch(
      /name="lost" time="0.000">\n {6}<skipped message="not judged: the run stopped on an error before it could be"\/>/,
    );
  });

  it('does not fail the drain of an interrupted run whose queue was never timed, and does not pass it either', () => {
    const log = openInjectionStore(':memory:');
    log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
    const summary = summarizeRun(record(log, { interrupted: true, drainedAt: null }));
    expect(summary.report.status).toBe('interrupted');
    expect(results(summary)).toMatchObject({
      drained_within: 'not-judged',
      lost: 'not-judged',
      success_rate: 'not-judged',
      device_rss: 'not-judged',
    });
  });

  it('counts refused and unanswered SMS, and divides deliveries by every SMS that reached the device', () => {
    const log = openInjectionStore(':memory:');
    log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
    log.refused({ index: 1, sender: '+1', text: 'b', injectedAt: 11, reason: 'KO: refused' });
    log.unanswered({ index: 2, sender: '+1', text: 'c', injectedAt: 12, reason: 'no answer within 10000 ms' });
    log.inDoubt({ index: 3, sender: '+1', text: 'd', injectedAt: 13 });
    const { report } = summarizeRun(record(log));
    expect(report.counts).toMatchObject({
      sent: 3,
      injected: 1,
      refused: 1,
      unanswered: 1,
      inDoubt: 1,
      lost: 1,
      repeats: 0,
    });
    expect(report.verdicts.find((verdict) => verdict.name === 'success_rate')).toMatchObject({
      value: 0,
      result: 'fail',
      detail: '0 of 3 SMS that reached the device delivered',
    });
    expect(results({ report })).toMatchObject({ refused: 'fail', unanswered: 'fail' });
    expect(report.lostSamples).toEqual([
      { index: 0, sender: '+1', text: 'a' },
      { index: 2, sender: '+1', text: 'c', unanswered: true },
    ]);
    expect(report.status).toBe('failed');
  });

  it('counts what the app gave up on from its last health, never subtracting it from lost', () => {
    const log = openInjectionStore(':memory:');
    log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
    log.acknowledged({ index: 1, sender: '+1', text: 'b', injectedAt: 11 });
    const { report } = summarizeRun(record(log, { deviceHealth: healthOf({ failed: 2, gaveUp: 2 }) }));
    expect(report.counts).toMatchObject({ lost: 2, gaveUp: 2 });
    expect(results({ report })).toMatchObject({ lost: 'fail', gave_up: 'fail' });
    const unknown = summarizeRun(record(log));
    expect(unknown.report.counts.gaveUp).toBeNull();
    expect(unknown.report.verdicts.find((verdict) => verdict.name === 'gave_up')).toMatchObject({
      result: 'fail',
      actual: 'not measured',
    });
  });

  it('says the harness measured latency and phases on its wall clock, and records the device clock', () => {
    const fast = parseScenario(
      'name: f\ndevice: { kind: virtual, clock: 100x }\nload: [ { burst: { count: 1, over: 1s } } ]\n',
      'f.yaml',
    );
    const { report } = summarizeRun(record(openInjectionStore(':memory:'), { scenario: fast }));
    expect(report.latency.clock).toBe('harness wall clock');
    expect(report.phases).toMatchObject({ clock: 'harness wall clock', loadMs: 1_000, drainMs: 200 });
    expect(report.deviceClock).toMatchObject({
      speed: 100,
      note: expect.stringMatching(/ran 100 times the wall clock/),
    });
    expect(summarizeRun(record(openInjectionStore(':memory:'))).report.deviceClock?.speed).toBe(1);
  });
  describe('under a tls: self-signed fault', () => {
    const tlsScenario = parseScenario(
      'name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 2, over: 1s } } ]\nexpect: { lost: 2 }\n',
      't.yaml',
    );
    const why = 'TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it';
    const paused = healthOf({
      status: 'down',
      queueSize: 2,
      pending: 2,
      paused: { reason: why, category: 'configuration' },
      lastError: { message: why, category: 'configuration', at: 5 },
    });
    const twoAcknowledged = () => {
      const log = openInjectionStore(':memory:');
      log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
      log.acknowledged({ index: 1, sender: '+1', text: 'b', injectedAt: 11 });
      return log;
    };

    it('judges tls_refused without being asked, from the stub: nothing accepted, handshakes refused', () => {
      const { report } = summarizeRun(
        record(twoAcknowledged(), {
          scenario: tlsScenario,
          stubStats: { accepted: 0, tlsRefusals: 3 },
          deviceHealth: paused,
        }),
      );
      expect(report.verdicts.find((verdict) => verdict.name === 'tls_refused')).toMatchObject({
        result: 'pass',
        actual: '0 accepted, 3 handshake(s) refused',
      });
      expect(report.status).toBe('passed');
    });

    it('fails tls_refused for a webhook the stub accepted over its certificate', () => {
      const { report } = summarizeRun(
        record(twoAcknowledged(), { scenario: tlsScenario, stubStats: { accepted: 1, tlsRefusals: 0 } }),
      );
      expect(results({ report }).tls_refused).toBe('fail');
      expect(junitXml(report)).toMatch(/name="tls_refused"[\s\S]*?<failure message="expected true, got 1 accepted/);
    });

    it('shows every undelivered SMS with the reason the device gives, in report.json and in lost', () => {
      const { report } = summarizeRun(
        record(twoAcknowledged(), {
          scenario: tlsScenario,
          stubStats: { accepted: 0, tlsRefusals: 3 },
          deviceHealth: paused,
        }),
      );
      expect(report.counts.lost).toBe(2);
      expect(report.deviceSays).toBe(`queue paused: ${why}`);
      expect(report.verdicts.find((verdict) => verdict.name === 'lost')?.detail).toBe(
        `2 of 2 acknowledged SMS never reached the server; the device says: queue paused: ${why}`,
      );
    });
  });

  it('judges no tls_refused, and says nothing for the device, in a run without the fault that lost nothing', () => {
    const { report } = summarizeRun(
      record(openInjectionStore(':memory:'), {
        deviceHealth: healthOf({ lastError: { message: 'HTTP 503', category: 'http-transient', at: 1 } }),
      }),
    );
    expect(report.verdicts.map((verdict) => verdict.name)).not.toContain('tls_refused');
    expect(report.deviceSays).toBeUndefined();
  });
});
