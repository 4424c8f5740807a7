import { describe, expect, it } from 'vitest';
import type { RunReport } from './run-report';
import { compareReports, comparisonTable } from './compare-reports';

const run = (runId: string, p95Ms: number | null, delivered: number): RunReport =>
  ({
    schemaVersion: 1,
    runId,
    status: 'passed',
    scenario: { name: 'burst-100', description: '', file: 'x.yaml' },
    counts: {
      planned: 100,
      injected: 100,
      refused: 0,
      inDoubt: 0,
      inDoubtDelivered: 0,
      delivered,
      lost: 100 - delivered,
      duplicates: 0,
      redeliveries: 0,
    },
    latency: { p50Ms: 10, p95Ms, p99Ms: 30, maxMs: 40 },
    phases: { loadMs: 10_000, drainMs: 500 },
    verdicts: [{ name: 'device_rss', expected: '< 200MB', actual: '', value: 80e6, passed: true }],
  }) as unknown as RunReport;

describe('compareReports', () => {
  it('gives each metric A, B, the change and the change as a share of A', () => {
    const p95 = compareReports(run('a', 20, 100), run('b', 25, 100)).metrics.find(
      (metric) => metric.name === 'p95_latency',
    );
    expect(p95).toEqual({ name: 'p95_latency', unit: 'ms', a: 20, b: 25, change: 5, changeRatio: 0.25 });
  });

  it('computes throughput as delivered SMS per second of load', () => {
    const throughput = compareReports(run('a', 20, 100), run('b', 20, 50)).metrics.find(
      (metric) => metric.name === 'throughput',
    );
    expect(throughput).toMatchObject({ a: 10, b: 5, change: -5, changeRatio: -0.5 });
  });

  it('leaves the change empty when one side did not measure the metric or A is zero', () => {
    const { metrics } = compareReports(run('a', null, 100), run('b', 25, 90));
    expect(metrics.find((metric) => metric.name === 'p95_latency')).toMatchObject({ change: null, changeRatio: null });
    expect(metrics.find((metric) => metric.name === 'lost')).toMatchObject({
      a: 0,
      b: 10,
      change: 10,
      changeRatio: null,
    });
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

  it("shows a rate's change in the unit of its values, and a change too small to show without a sign", () => {
    const slower = { ...run('run-b', 20, 100), phases: { loadMs: 10_000.02, drainMs: 500 } } as RunReport;
    expect(comparisonTable(compareReports(run('run-a', 20, 100), slower))).toMatch(
      /^throughput\s+10\/s\s+10\/s\s+0\/s\s+0%$/m,
    );
    const faster = { ...run('run-b', 20, 100), phases: { loadMs: 8_000, drainMs: 500 } } as RunReport;
    expect(comparisonTable(compareReports(run('run-a', 20, 100), faster))).toMatch(
      /^throughput\s+10\/s\s+12\.5\/s\s+\+2\.5\/s\s+\+25%$/m,
    );
  });

  it("compares the harness's own memory, and leaves it empty for reports from before it was measured", () => {
    const harness = (peak: number) => ({
      peakRssBytes: peak,
      rssPeakFirstThirdBytes: peak,
      rssPeakLastThirdBytes: peak - 10e6,
      rssGrowthBytesPerHour: 0,
      retainedHeapGrowthBytesPerHour: 0,
      retainedHeapLastBytes: 20e6,
    });
    const a = { ...run('run-a', 20, 100), harness: harness(150e6) } as RunReport;
    const b = { ...run('run-b', 20, 100), harness: harness(120e6) } as RunReport;
    const table = comparisonTable(compareReports(a, b));
    expect(table).toMatch(/^harness_rss_peak\s+150MB\s+120MB\s+-30MB\s+-20%$/m);
    expect(table).toMatch(/^harness_rss_last_third\s+140MB\s+110MB\s+-30MB/m);
    expect(comparisonTable(compareReports(run('old', 20, 100), b))).toMatch(
      /^harness_heap_retained\s+—\s+20MB\s+—\s+—$/m,
    );
  });
});
