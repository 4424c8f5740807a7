import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { parseScenario } from './parse-scenario';

function problemsOf(text: string): SmsgwError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof SmsgwError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('expect.tls_refused', () => {
  it('is left to the run to add under a tls fault, and can be written there', () => {
    const under = (expectBlock: string) =>
      parseScenario(
        `name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\n${expectBlock}`,
        't.yaml',
      ).expect;
    expect(under('').tls_refused).toBeUndefined();
    expect(under('expect: { lost: 3, tls_refused: true }\n')).toMatchObject({ tls_refused: true });
  });

  it('refuses tls_refused without a tls fault, at its line and column, before any run', () => {
    const error = problemsOf(
      'name: t\nserver: { faults: [ { status: 503, rate: 10% } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n  tls_refused: true\n',
    );
    expect(error.exitCode).toBe(2);
    expect(error.issues).toEqual([
      'bad.yaml:5:16 Expected `tls_refused` only with a `{ tls: self-signed }` fault in `server.faults`: without one the stub serves plain HTTP and there is no certificate to refuse',
    ]);
  });

  it('refuses a tls_refused that is not true or false', () => {
    expect(
      problemsOf(
        'name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect: { tls_refused: yes-please }\n',
      ).issues[0],
    ).toBe('bad.yaml:4:24 Expected `tls_refused` to be true or false, got "yes-please"');
  });
});

const withExpect = (expectBlock: string) =>
  parseScenario(`name: t\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n${expectBlock}`, 't.yaml').expect;
const problemsWith = (expectBlock: string): string[] =>
  problemsOf(`name: t\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n${expectBlock}`).issues.map((issue) =>
    issue.replace(/^bad\.yaml:/, ''),
  );

describe('expect.latency', () => {
  it('reads p50, p95, p99 and max into the verdicts p50_latency, p95_latency, p99_latency and max_latency', () => {
    const expect_ = withExpect('  latency: { p50: 200ms, p95: "< 1s", p99: "< 5s", max: "< 30s" }\n');
    expect(expect_).toMatchObject({
      p50_latency: { op: '<=', value: 200, unit: 'ms', text: '200ms' },
      p95_latency: { op: '<', value: 1_000, unit: 'ms', text: '< 1s' },
      p99_latency: { op: '<', value: 5_000, unit: 'ms', text: '< 5s' },
      max_latency: { op: '<', value: 30_000, unit: 'ms', text: '< 30s' },
    });
    expect(expect_).not.toHaveProperty('latency');
  });

  it('keeps p95_latency working on its own, beside the other latency bounds', () => {
    const expect_ = withExpect('  p95_latency: "< 2s"\n  latency: { p99: "< 5s" }\n');
    expect(expect_.p95_latency).toEqual({ op: '<', value: 2_000, unit: 'ms', text: '< 2s' });
    expect(expect_.p99_latency?.value).toBe(5_000);
  });

  it('refuses the 95th percentile named twice, as p95_latency and latency.p95, at latency.p95 (exit 2)', () => {
    const error = problemsOf(
      'name: t\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n  p95_latency: "< 2s"\n  latency: { p95: "< 1s" }\n',
    );
    expect(error.exitCode).toBe(2);
    expect(error.issues).toEqual([
      'bad.yaml:5:19 Expected the 95th percentile once: `p95_latency` and `latency.p95` are the same verdict (p95_latency); keep one of them',
    ]);
  });

  it('words a bad latency bound and an unknown percentile', () => {
    expect(problemsWith('  latency: { p99: 5, p90: 1s }\n')).toEqual([
      '4:19 Expected `latency.p99` to be a threshold with a time like "< 2s", got 5',
      '4:22 Unknown key `p90`; did you mean `p50`?',
    ]);
  });
});

describe('abort_on_fail', () => {
  it('reads a bound written as a map, with or without abort_on_fail, as the bare bound', () => {
    const expect_ = withExpect(
      '  lost: { threshold: 0, abort_on_fail: true }\n  duplicates: { threshold: "<= 2" }\n  refused: { threshold: 1, abort_on_fail: false }\n',
    );
    expect(expect_.lost).toEqual({ op: '<=', value: 0, unit: 'count', text: '0' });
    expect(expect_.duplicates).toEqual({ op: '<=', value: 2, unit: 'count', text: '<= 2' });
    expect(expect_.refused).toEqual({ op: '<=', value: 1, unit: 'count', text: '1' });
    expect(expect_.abortOnFail).toEqual(['lost']);
  });

  it('lists every verdict that aborts, in the documented order, latency.max as max_latency', () => {
    const expect_ = withExpect(
      [
        '  signatures_valid: { threshold: true, abort_on_fail: true }',
        '  content_intact: { threshold: true, abort_on_fail: true }',
        '  device_rss: { threshold: "< 200MB", abort_on_fail: true }',
        '  latency: { max: { threshold: "< 30s", abort_on_fail: true }, p99: "< 5s" }',
        '  gave_up: { threshold: 0, abort_on_fail: true }',
        '  unanswered: { threshold: 0, abort_on_fail: true }',
        '  refused: { threshold: 0, abort_on_fail: true }',
        '  duplicates: { threshold: 0, abort_on_fail: true }',
        '  lost: { threshold: 0, abort_on_fail: true }',
        '',
      ].join('\n'),
    );
    expect(expect_.abortOnFail).toEqual([
      'lost',
      'duplicates',
      'refused',
      'unanswered',
      'gave_up',
      'max_latency',
      'device_rss',
      'content_intact',
      'signatures_valid',
    ]);
    expect(expect_).toMatchObject({ content_intact: true, signatures_valid: true, max_latency: { value: 30_000 } });
  });

  it('leaves the expectations of a scenario that aborts on nothing as they were, with no abortOnFail', () => {
    expect(withExpect('  lost: 0\n')).not.toHaveProperty('abortOnFail');
    expect(withExpect('  lost: { threshold: 0 }\n')).not.toHaveProperty('abortOnFail');
  });

  it('refuses abort_on_fail on a verdict judged only at the end, listing the ones that can carry it (exit 2)', () => {
    const error = problemsOf(
      'name: t\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n  success_rate: { threshold: ">= 95%", abort_on_fail: true }\n  latency: { p99: { threshold: "< 5s", abort_on_fail: true } }\n  drained_within: { threshold: 1m, abort_on_fail: true }\n',
    );
    expect(error.exitCode).toBe(2);
    const can =
      '(`lost`, `duplicates`, `refused`, `unanswered`, `gave_up`, `latency.max`, `device_rss`, `content_intact` or `signatures_valid`)';
    expect(error.issues).toEqual([
      `bad.yaml:4:55 Expected \`abort_on_fail\` only on a verdict judged while the run goes on ${can}: \`success_rate\` can only be judged once the run has ended`,
      `bad.yaml:5:55 Expected \`abort_on_fail\` only on a verdict judged while the run goes on ${can}: \`latency.p99\` can only be judged once the run has ended`,
      `bad.yaml:6:51 Expected \`abort_on_fail\` only on a verdict judged while the run goes on ${can}: \`drained_within\` can only be judged once the run has ended`,
    ]);
  });

  it('takes abort_on_fail: false on any verdict, since it stops nothing', () => {
    expect(withExpect('  success_rate: { threshold: ">= 95%", abort_on_fail: false }\n').success_rate?.value).toBe(
      0.95,
    );
  });

  it('points at what is wrong inside the map form: a typo of a key, a missing threshold, a bad value', () => {
    expect(
      problemsWith(
        '  lost: { threshhold: 0 }\n  duplicates: { threshold: "< 2s" }\n  refused: { threshold: 0, abort_on_fail: yes }\n  content_intact: { abort_on_fail: true }\n',
      ),
    ).toEqual([
      '4:9 Missing required key `threshold` in lost',
      '4:11 Unknown key `threshhold`; did you mean `threshold`?',
      '5:28 Expected `duplicates` to be a threshold with a count like 0 or "<= 3", got "< 2s"',
      '6:43 Expected `abort_on_fail` to be true or false, got "yes"',
      '7:19 Missing required key `threshold` in content_intact',
    ]);
  });

  it('words a bare value that is neither form as before', () => {
    expect(problemsWith('  refused: lots\n  content_intact: yes\n')).toEqual([
      '4:12 Expected `refused` to be a threshold with a count like 0 or "<= 3", got "lots"',
      '5:19 Expected `content_intact` to be true or false, got "yes"',
    ]);
  });
});
