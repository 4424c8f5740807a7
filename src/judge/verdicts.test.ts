import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { evaluateVerdicts, type RunMeasurements } from './verdicts';

const expectations = parseScenario(
  `name: v
load: [ { burst: { count: 10, over: 1s } } ]
expect:
  lost: 0
  duplicates: 0
  success_rate: ">= 95%"
  p95_latency: "< 2s"
  device_rss: "< 200MB"
  drained_within: 1m
  dashboard_matches_server: true
  signatures_valid: true
`,
  'v.yaml',
).expect;

const clean: RunMeasurements = {
  injected: 100,
  sent: 100,
  refused: 0,
  unanswered: { count: 0, neverDelivered: 0 },
  gaveUp: 0,
  delivered: 100,
  lost: 0,
  duplicates: 0,
  successRate: 1,
  latencyP95Ms: 40,
  deviceRssBytes: 90_000_000,
  drainedWithinMs: 300,
  dashboardMatchesServer: true,
  corrupted: { count: 0, samples: [] },
  signatures: { bad: 0, stale: 0, replayed: 0 },
};

const byName = (measured: RunMeasurements) =>
  Object.fromEntries(evaluateVerdicts(expectations, measured).map((verdict) => [verdict.name, verdict]));

describe('evaluateVerdicts', () => {
  it('passes every verdict of a clean run, in the documented order', () => {
    const verdicts = evaluateVerdicts(expectations, clean);
    expect(verdicts.map((verdict) => verdict.name)).toEqual([
      'lost',
      'duplicates',
      'refused',
      'unanswered',
      'gave_up',
      'success_rate',
      'p95_latency',
      'device_rss',
      'drained_within',
      'dashboard_matches_server',
      'content_intact',
      'signatures_valid',
    ]);
    expect(verdicts.every((verdict) => verdict.passed)).toBe(true);
  });

  it('fails `lost` for a single lost SMS and says how many of how many', () => {
    const lost = byName({ ...clean, lost: 1, delivered: 99 }).lost;
    expect(lost).toMatchObject({ passed: false, actual: '1', value: 1 });
    expect(lost?.detail).toMatch(/1 of 100/);
  });

  it('fails each threshold just past its limit', () => {
    const verdicts = byName({
      ...clean,
      duplicates: 1,
      successRate: 0.94,
      latencyP95Ms: 2000,
      deviceRssBytes: 200_000_001,
      drainedWithinMs: 60_001,
    });
    for (const name of ['duplicates', 'success_rate', 'p95_latency', 'device_rss', 'drained_within'])
      expect(verdicts[name]?.passed, name).toBe(false);
    expect(verdicts.success_rate?.actual).toBe('94%');
  });

  it('fails a verdict that could not be measured instead of passing it', () => {
    const verdicts = byName({
      ...clean,
      latencyP95Ms: null,
      drainedWithinMs: null,
      dashboardMatchesServer: null,
      successRate: null,
    });
    expect(verdicts.p95_latency).toMatchObject({ passed: false, actual: 'not measured', value: null });
    expect(verdicts.drained_within?.passed).toBe(false);
    expect(verdicts.success_rate?.passed).toBe(false);
    expect(verdicts.dashboard_matches_server).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/--metrics appium/),
    });
  });

  it('fails content_intact for one mangled text and shows it', () => {
    const verdict = byName({
      ...clean,
      corrupted: { count: 1, samples: ['+1: sent "a\\u0000", the server got "a"'] },
    }).content_intact;
    expect(verdict).toMatchObject({ passed: false, actual: 'false', value: false });
    expect(verdict?.detail).toMatch(/1 accepted text\(s\) equal no injected text: \+1: sent/);
  });

  it('judges content_intact even when the scenario does not name it', () => {
    const plain = parseScenario('name: p\nload: [ { burst: { count: 1, over: 1s } } ]\n', 'p.yaml').expect;
    expect(
      evaluateVerdicts(plain, { ...clean, corrupted: { count: 2, samples: [] } }).map((verdict) => [
        verdict.name,
        verdict.passed,
      ]),
    ).toEqual([
      ['lost', true],
      ['duplicates', true],
      ['refused', true],
      ['unanswered', true],
      ['gave_up', true],
      ['content_intact', false],
    ]);
  });

  it('fails signatures_valid for any refused signature, and when nothing was signed', () => {
    expect(byName({ ...clean, signatures: { bad: 0, stale: 1, replayed: 0 } }).signatures_valid).toMatchObject({
      passed: false,
      detail: 'the server refused 0 missing or invalid, 1 stale and 0 replayed signature(s)',
    });
    expect(byName({ ...clean, signatures: null }).signatures_valid).toMatchObject({
      passed: false,
      actual: 'not measured',
      detail: expect.stringMatching(/server.secret: null/),
    });
  });

  it('fails `refused` for one SMS the device answered KO to, out of every SMS that reached it', () => {
    const verdict = byName({ ...clean, sent: 100, injected: 99, refused: 1 }).refused;
    expect(verdict).toMatchObject({
      result: 'fail',
      passed: false,
      actual: '1',
      value: 1,
      detail: '1 of 100 SMS answered KO after every retry',
    });
  });

  it('fails `unanswered` for one SMS the device never answered, and says whether the server got it', () => {
    const verdict = byName({
      ...clean,
      sent: 100,
      injected: 99,
      unanswered: { count: 1, neverDelivered: 1 },
    }).unanswered;
    expect(verdict).toMatchObject({
      result: 'fail',
      value: 1,
      detail: '1 of 100 SMS got no answer from the device; 1 of them never reached the server',
    });
  });

  it('fails `gave_up` for one SMS the app gave up on, and says the loss counts in `lost` as well', () => {
    const verdicts = byName({ ...clean, gaveUp: 1, lost: 1, delivered: 99 });
    expect(verdicts.gave_up).toMatchObject({ result: 'fail', expected: '0', actual: '1', value: 1 });
    expect(verdicts.gave_up?.detail).toBe(
      "1 SMS dead-lettered by the app once its retry budget ran out (the device's count); each is also in lost (1)",
    );
    expect(verdicts.lost).toMatchObject({ result: 'fail', value: 1 });
  });

  it('never lets a device that says it gave up on nothing excuse a loss', () => {
    const verdicts = byName({ ...clean, gaveUp: 0, lost: 3, delivered: 97 });
    expect(verdicts.gave_up?.result).toBe('pass');
    expect(verdicts.lost).toMatchObject({ result: 'fail', value: 3 });
  });

  it('fails `gave_up` when the device never told its health, instead of passing it', () => {
    expect(byName({ ...clean, gaveUp: null }).gave_up).toMatchObject({
      result: 'fail',
      actual: 'not measured',
      detail: expect.stringMatching(/never reported its health/),
    });
  });

  it('lets a scenario that runs out the budget on purpose expect how many SMS the app gives up on', () => {
    const allowing = parseScenario(
      'name: g\nload: [ { burst: { count: 1, over: 1s } } ]\nexpect: { gave_up: 20, lost: 20 }\n',
      'g.yaml',
    ).expect;
    const verdicts = evaluateVerdicts(allowing, { ...clean, gaveUp: 20, lost: 20, delivered: 80 });
    expect(verdicts.filter((verdict) => verdict.name === 'gave_up' || verdict.name === 'lost')).toMatchObject([
      { name: 'lost', result: 'pass', expected: '20' },
      { name: 'gave_up', result: 'pass', expected: '20' },
    ]);
    const more = evaluateVerdicts(allowing, { ...clean, gaveUp: 21, lost: 21, delivered: 79 });
    expect(more.find((verdict) => verdict.name === 'gave_up')?.result).toBe('fail');
  });

  it('lets a scenario allow refusals it causes on purpose', () => {
    const allowing = parseScenario(
      'name: d\nload: [ { burst: { count: 1, over: 1s } } ]\nexpect: { refused: 20 }\n',
      'd.yaml',
    ).expect;
    expect(
      evaluateVerdicts(allowing, { ...clean, refused: 20 }).find((verdict) => verdict.name === 'refused'),
    ).toMatchObject({ result: 'pass', expected: '20' });
  });

  it('judges nothing it cannot know in a run cut short: not judged, never a pass', () => {
    const verdicts = evaluateVerdicts(
      expectations,
      { ...clean, drainedWithinMs: null, dashboardMatchesServer: null },
      'the run was interrupted',
    );
    const results = Object.fromEntries(verdicts.map((verdict) => [verdict.name, verdict.result]));
    expect(results).toEqual({
      lost: 'not-judged',
      duplicates: 'not-judged',
      refused: 'not-judged',
      unanswered: 'not-judged',
      gave_up: 'not-judged',
      success_rate: 'not-judged',
      p95_latency: 'not-judged',
      device_rss: 'not-judged',
      drained_within: 'not-judged',
      dashboard_matches_server: 'not-judged',
      content_intact: 'not-judged',
      signatures_valid: 'not-judged',
    });
    expect(verdicts.every((verdict) => !verdict.passed)).toBe(true);
    expect(verdicts.find((verdict) => verdict.name === 'drained_within')?.detail).toBe(
      'not judged: the run was interrupted before it could be',
    );
  });

  it('still fails, in a run cut short, a count that can only grow and is already over its bound', () => {
    const verdicts = byName({
      ...clean,
      duplicates: 1,
      unanswered: { count: 2, neverDelivered: 0 },
      deviceRssBytes: 300_000_000,
      lost: 5,
    });
    const cut = Object.fromEntries(
      evaluateVerdicts(
        expectations,
        {
          ...clean,
          duplicates: 1,
          unanswered: { count: 2, neverDelivered: 0 },
          deviceRssBytes: 300_000_000,
          lost: 5,
          gaveUp: 2,
        },
        'the run stopped on an error',
      ).map((verdict) => [verdict.name, verdict]),
    );
    expect(verdicts.lost?.result).toBe('fail');
    expect(cut.lost?.result).toBe('not-judged');
    for (const name of ['duplicates', 'unanswered', 'device_rss', 'gave_up'])
      expect(cut[name]?.result, name).toBe('fail');
    expect(cut.duplicates?.detail).toBe('accepted under a second idempotency key, before the run stopped on an error');
  });

  it('keeps what a run cut short did measure: a drain it timed, a screen it scraped', () => {
    const cut = evaluateVerdicts(expectations, clean, 'the run was interrupted');
    expect(cut.find((verdict) => verdict.name === 'drained_within')).toMatchObject({ result: 'pass', value: 300 });
    expect(cut.find((verdict) => verdict.name === 'dashboard_matches_server')).toMatchObject({
      result: 'pass',
      value: true,
    });
  });
});

describe('tls_refused', () => {
  const underTls = parseScenario(
    'name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect: { lost: 3, tls_refused: true }\n',
    't.yaml',
  ).expect;
  const lostAll: RunMeasurements = { ...clean, injected: 3, sent: 3, delivered: 0, lost: 3, successRate: 0 };
  const tlsOf = (measured: RunMeasurements) =>
    evaluateVerdicts(underTls, measured).find((verdict) => verdict.name === 'tls_refused');

  it('passes when the server accepted nothing over its untrusted certificate and saw the device refuse it', () => {
    expect(tlsOf({ ...lostAll, tls: { accepted: 0, refusedHandshakes: 4 } })).toMatchObject({
      result: 'pass',
      expected: 'true',
      actual: '0 accepted, 4 handshake(s) refused',
      value: true,
      detail: 'the server accepted no webhook over its untrusted certificate and saw 4 TLS handshake(s) refused',
    });
  });

  it('fails for one webhook the server accepted over the untrusted certificate, whatever else was refused', () => {
    expect(tlsOf({ ...lostAll, lost: 2, delivered: 1, tls: { accepted: 1, refusedHandshakes: 9 } })).toMatchObject({
      result: 'fail',
      value: false,
      detail: 'the server accepted 1 webhook(s) over a certificate no client trusts by default',
    });
  });

  it('fails when no handshake reached the server: nothing shows the device tried and refused', () => {
    expect(tlsOf({ ...lostAll, tls: { accepted: 0, refusedHandshakes: 0 } })).toMatchObject({
      result: 'fail',
      actual: '0 accepted, 0 handshake(s) refused',
      detail: expect.stringMatching(/no TLS handshake at all/),
    });
  });

  it('fails, not measured, when asked of a stub that served plain HTTP', () => {
    expect(tlsOf({ ...lostAll, tls: null })).toMatchObject({
      result: 'fail',
      actual: 'not measured',
      detail: expect.stringMatching(/plain HTTP/),
    });
  });

  it('does not appear at all in a scenario without the fault', () => {
    expect(evaluateVerdicts(expectations, { ...clean, tls: null }).map((verdict) => verdict.name)).not.toContain(
      'tls_refused',
    );
  });

  it('is not judged in a run cut short', () => {
    const cut = evaluateVerdicts(
      underTls,
      { ...lostAll, tls: { accepted: 0, refusedHandshakes: 4 } },
      'the run was interrupted',
    );
    expect(cut.find((verdict) => verdict.name === 'tls_refused')?.result).toBe('not-judged');
  });
});

describe('lost, and what the device says', () => {
  it("names the device's reason beside a loss, and never changes the count or the result", () => {
    const says =
      'queue paused: TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it';
    const lost = byName({ ...clean, lost: 100, delivered: 0, deviceSays: says }).lost;
    expect(lost).toMatchObject({ result: 'fail', value: 100 });
    expect(lost?.detail).toBe(`100 of 100 acknowledged SMS never reached the server; the device says: ${says}`);
  });

  it('says nothing of the device when nothing was lost', () => {
    expect(byName({ ...clean, deviceSays: 'last error: HTTP 503' }).lost?.detail).toBe(
      '0 of 100 acknowledged SMS never reached the server',
    );
  });
});

describe('latency verdicts', () => {
  const latencies = parseScenario(
    'name: l\nload: [ { burst: { count: 10, over: 1s } } ]\nexpect:\n  latency: { p50: "< 100ms", p95: "< 1s", p99: "< 5s", max: "< 30s" }\n',
    'l.yaml',
  ).expect;
  const measured: RunMeasurements = {
    ...clean,
    latencyP50Ms: 40,
    latencyP95Ms: 900,
    latencyP99Ms: 4_000,
    latencyMaxMs: 29_000,
    latencySamples: 100,
  };
  const judge = (m: RunMeasurements, cutShort: string | null = null) =>
    Object.fromEntries(evaluateVerdicts(latencies, m, cutShort).map((verdict) => [verdict.name, verdict]));

  it('judges p50, p95, p99 and max, in that order, each against its own bound', () => {
    const verdicts = evaluateVerdicts(latencies, measured).filter((verdict) => verdict.name.endsWith('_latency'));
    expect(verdicts.map((verdict) => [verdict.name, verdict.expected, verdict.actual, verdict.result])).toEqual([
      ['p50_latency', '< 100ms', '40ms', 'pass'],
      ['p95_latency', '< 1s', '900ms', 'pass'],
      ['p99_latency', '< 5s', '4s', 'pass'],
      ['max_latency', '< 30s', '29s', 'pass'],
    ]);
  });

  it('fails each one just past its bound, alone', () => {
    expect(judge({ ...measured, latencyP50Ms: 100 }).p50_latency?.result).toBe('fail');
    expect(judge({ ...measured, latencyP99Ms: 5_000 }).p99_latency?.result).toBe('fail');
    const slowest = judge({ ...measured, latencyMaxMs: 30_000 });
    expect(slowest.max_latency?.result).toBe('fail');
    expect(slowest.p99_latency?.result).toBe('pass');
  });

  it('says which figure of how many exact latencies, and on which clock', () => {
    expect(judge(measured).p99_latency?.detail).toBe(
      "99th percentile of the exact latencies of 100 delivered SMS (nearest rank, no histogram: exact to the millisecond): injection to first 2xx, on the harness's wall clock",
    );
    expect(judge(measured).max_latency?.detail).toMatch(/^the largest of the exact latencies of 100 delivered SMS/);
  });

  it('fails them when nothing was delivered, instead of passing them', () => {
    const none = judge({ ...measured, latencyP50Ms: null, latencyP95Ms: null, latencyP99Ms: null, latencyMaxMs: null });
    for (const name of ['p50_latency', 'p95_latency', 'p99_latency', 'max_latency'])
      expect(none[name], name).toMatchObject({
        result: 'fail',
        actual: 'not measured',
        detail: 'no SMS was delivered',
      });
  });

  it('keeps a max already over its bound failed in a run cut short (it only grows), and judges no percentile there', () => {
    const cut = judge({ ...measured, latencyP99Ms: 6_000, latencyMaxMs: 31_000 }, 'the run was interrupted');
    expect(cut.max_latency?.result).toBe('fail');
    expect(cut.p99_latency?.result).toBe('not-judged');
    expect(judge(measured, 'the run was interrupted').max_latency?.result).toBe('not-judged');
  });
});
