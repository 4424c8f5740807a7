import { describe, expect, it } from 'vitest';
import type { RunReport } from './run-report';
import { compareReports, comparisonTable } from './compare-reports';

const run = (runId: string, p95Ms: number | null, delivered: number): RunReport =>
  ({
    schemaVersion: 1,
    runId,
    status: 'passed',
    scenario: { name: 'burst-100', description: '', file: 'x.yaml' },
    counts: { planned: 100, injected: 100, refused: 0, inDoubt: 0, inDoubtDelivered: 0, delivered, lost: 100 - delivered, duplicates: 0, redeliveries: 0 },
    latency: { p50Ms: 10, p95Ms, p99Ms: 30, maxMs: 40 },
    phases: { loadMs: 10_000, drainMs: 500 },
    verdicts: [{ name: 'device_rss', expected: '< 200MB', actual: '', value: 80e6, passed: true }],
  }) as unknown as RunReport;

describe('compareReports', () => {
  it('gives each metric A, B, the change and the change as a share of A', () => {
    const p95 = compareReports(run('a', 20, 100), run('b', 25, 100)).metrics.find((metric) => metric.name === 'p95_latency');
    expect(p95).toEqual({ name: 'p95_latency', unit: 'ms', a: 20, b: 25, change: 5, changeRatio: 0.25 });
  });

  it('computes throughput as delivered SMS per second of load', () => {
    const throughput = compareReports(run('a', 20, 100), run('b', 20, 50)).metrics.find((metric) => metric.name === 'throughput');
    expect(throughput).toMatchObject({ a: 10, b: 5, change: -5, changeRatio: -0.5 });
  });

  it('leaves the change empty when one side did not measure the metric or A is zero', () => {
    const { metrics } = compareReports(run('a', null, 100), run('b', 25, 90));
    expect(metrics.find((metric) => metric.name === 'p95_latency')).toMatchObject({ change: null, changeRatio: null });
    expect(metrics.find((metric) => metric.name === 'lost')).toMatchObject({ a: 0, b: 10, change: 10, changeRatio: null });
  });
});

describe('comparisonTable', () => {
  it('prints one row per metric with units, a signed change and a % change', () => {
    const table = comparisonTable(compareReports(run('run-a', 20, 100), run('run-b', 25, 100)));
    expect(table).toContain('A: run-a (burst-100, passed)');
    expect(table).toMatch(/^p95_latency\s+20ms\s+25ms\s+\+5ms\s+\+25%$/m);
    expect(table).toMatch(/^peak_rss\s+80MB\s+80MB\s+0B\s+0%$/m);
    expect(table).toMatch(/^throughput\s+10\/s\s+10\/s/m);
  });
});
