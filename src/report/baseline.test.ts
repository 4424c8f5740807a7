import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import type { RunReport } from './run-report';
import { baselineVerdicts, resolveBaselines } from './baseline';
import { evaluateVerdicts } from '../judge/verdicts';

const expectations = (block: string) =>
  parseScenario(`name: b\nload: [ { burst: { count: 10, over: 1s } } ]\nexpect:\n${block}`, 'b.yaml').expect;

const baseline = {
  schemaVersion: 1,
  counts: {
    planned: 10,
    injected: 10,
    refused: 0,
    inDoubt: 0,
    inDoubtDelivered: 0,
    delivered: 10,
    lost: 0,
    duplicates: 0,
    redeliveries: 0,
  },
  latency: { p50Ms: 8, p95Ms: 15, p99Ms: 20, maxMs: 22 },
  phases: { loadMs: 1000, drainMs: 400 },
  verdicts: [{ name: 'device_rss', expected: '< 200MB', actual: '90MB', value: 90e6, passed: true }],
} as unknown as RunReport;

describe('baseline thresholds', () => {
  it('reads `latency: { p50, p99, max }` relative to the same figures of the baseline', () => {
    const resolved = resolveBaselines(
      expectations('  latency: { p50: "<= baseline", p99: "<= baseline * 2", max: "<= baseline * 1.5" }\n'),
      baseline,
      'runA',
    );
    expect(resolved.p50_latency?.value).toBe(8);
    expect(resolved.p99_latency?.value).toBe(40);
    expect(resolved.max_latency).toMatchObject({ value: 33, text: '<= baseline * 1.5 (= 33ms)' });
  });

  it('turns "<= baseline * 1.2" into 1.2 times the baseline p95, showing both in the verdict', () => {
    const resolved = resolveBaselines(expectations('  p95_latency: "<= baseline * 1.2"\n'), baseline, 'runA');
    expect(resolved.p95_latency).toMatchObject({ op: '<=', value: 18, text: '<= baseline * 1.2 (= 18ms)' });
    const [verdict] = evaluateVerdicts(resolved, {
      injected: 1,
      sent: 1,
      refused: 0,
      unanswered: { count: 0, neverDelivered: 0 },
      gaveUp: 0,
      delivered: 1,
      lost: 0,
      duplicates: 0,
      successRate: 1,
      latencyP95Ms: 19,
      deviceRssBytes: null,
      drainedWithinMs: null,
      dashboardMatchesServer: null,
      corrupted: { count: 0, samples: [] },
    }).filter((v) => v.name === 'p95_latency');
    expect(verdict).toMatchObject({ expected: '<= baseline * 1.2 (= 18ms)', passed: false });
  });

  it('reads a bare "baseline" as a factor of 1, against the baseline peak RSS', () => {
    expect(resolveBaselines(expectations('  device_rss: "< baseline"\n'), baseline, 'runA').device_rss).toMatchObject({
      op: '<',
      value: 90e6,
    });
  });

  it('reads drained_within against the baseline drain time', () => {
    expect(
      resolveBaselines(expectations('  drained_within: "<= baseline * 2"\n'), baseline, 'runA').drained_within,
    ).toMatchObject({ value: 800 });
  });

  it('leaves absolute thresholds alone and needs no baseline for them', () => {
    const plain = expectations('  p95_latency: "< 2s"\n');
    expect(baselineVerdicts(plain)).toEqual([]);
    expect(resolveBaselines(plain, null, null)).toBe(plain);
  });

  it('refuses a relative threshold without --baseline, naming the verdict', () => {
    expect(() => resolveBaselines(expectations('  p95_latency: "<= baseline * 1.2"\n'), null, null)).toThrow(
      /`p95_latency`.*no --baseline/,
    );
  });

  it('refuses a baseline that did not measure what the verdict compares', () => {
    const silent = { ...baseline, latency: { p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null } } as RunReport;
    expect(() => resolveBaselines(expectations('  p95_latency: "<= baseline * 1.2"\n'), silent, 'runA')).toThrow(
      /p95_latency.*runA did not measure it/,
    );
  });

  it('keeps an unresolved baseline threshold failing, never passing by accident', () => {
    const [verdict] = evaluateVerdicts(expectations('  p95_latency: "<= baseline"\n'), {
      injected: 1,
      sent: 1,
      refused: 0,
      unanswered: { count: 0, neverDelivered: 0 },
      gaveUp: 0,
      delivered: 1,
      lost: 0,
      duplicates: 0,
      successRate: 1,
      latencyP95Ms: 1,
      deviceRssBytes: null,
      drainedWithinMs: null,
      dashboardMatchesServer: null,
      corrupted: { count: 0, samples: [] },
    }).filter((v) => v.name === 'p95_latency');
    expect(verdict?.passed).toBe(false);
  });
});
