import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import type { MetricsPoint } from '../metrics/metrics-snapshot';
import { summarizeRun, type RunRecord } from './summarize-run';
import { openInjectionStore } from '../injection/injection-store';

const scenario = parseScenario(
  'name: s\nload: [ { soak: { rate: 1/s, for: 10m } } ]\nexpect:\n  rss_growth: "< 5MB/h"\n',
  's.yaml',
);
const point = (atMs: number, rssBytes: number): MetricsPoint => ({
  atMs,
  injected: 0,
  accepted: 0,
  queueSize: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
  rssBytes,
  faults: 0,
});
const startedAt = new Date(0);

const record = (points: MetricsPoint[], overrides: Partial<RunRecord> = {}): RunRecord => ({
  scenario,
  file: 's.yaml',
  runId: 'r',
  startedAt,
  loadStartedAt: 0,
  loadEndedAt: 600_000,
  drainedAt: 600_000,
  planned: 0,
  log: openInjectionStore(':memory:'),
  ledgerPath: null,
  stubStats: {},
  deviceHealth: null,
  peakRssBytes: null,
  timeline: [],
  interrupted: false,
  failure: null,
  environment: {},
  series: { points, events: [] },
  ...overrides,
});
const rssGrowth = (summary: ReturnType<typeof summarizeRun>) =>
  summary.report.verdicts.find((verdict) => verdict.name === 'rss_growth');

describe('summarizeRun growth', () => {
  it('measures RSS growth from the series after the warm-up: 1 MB a minute fails "< 5MB/h"', () => {
    const points = Array.from({ length: 600 }, (_, i) => point(i * 1000, 80e6 + (i / 60) * 1e6));
    expect(rssGrowth(summarizeRun(record(points)))).toMatchObject({ actual: '60MB/h', passed: false });
  });

  it('judges only the load: memory given back during the drain does not hide a leak', () => {
    const load = Array.from({ length: 600 }, (_, i) => point(i * 1000, 80e6 + (i / 60) * 1e6));
    const drain = Array.from({ length: 120 }, (_, i) => point(601_000 + i * 1000, 40e6));
    expect(rssGrowth(summarizeRun(record([...load, ...drain])))).toMatchObject({ actual: '60MB/h', passed: false });
  });

  it('tells GC saw-teeth in the harness RSS from a leak by the heap that survives major GCs', () => {
    // RSS climbs 40 MB over each 2-minute GC cycle and falls back; the retained heap stays at 30 MB.
    const points = Array.from({ length: 600 }, (_, i) => ({
      ...point(i * 1000, 80e6),
      harnessRssBytes: 140e6 + ((i % 120) / 120) * 40e6,
      harnessRetainedHeapBytes: 30e6,
    }));
    const harness = summarizeRun(record(points)).report.harness;
    expect(harness?.retainedHeapGrowthBytesPerHour).toBe(0);
    expect(harness?.rssPeakFirstThirdBytes).toBeCloseTo(harness?.rssPeakLastThirdBytes ?? 0, -6);
    expect(harness?.retainedHeapLastBytes).toBe(30e6);
    const leaking = points.map((p, i) => ({ ...p, harnessRetainedHeapBytes: 30e6 + i * 10_000 }));
    expect(summarizeRun(record(leaking)).report.harness?.retainedHeapGrowthBytesPerHour).toBeCloseTo(36e6, -5);
  });

  it('takes the harness peaks from the per-slice maxima, which the thinned series has lost', () => {
    // The series kept every other point of the start, and the 190 MB start-up peak with them.
    const points = Array.from({ length: 300 }, (_, i) => ({
      ...point(i * 2000, 80e6),
      harnessRssBytes: 140e6,
      harnessRetainedHeapBytes: 30e6,
    }));
    const harnessRssPeaks = [
      { atMs: 5_000, bytes: 190e6 },
      { atMs: 300_000, bytes: 150e6 },
      { atMs: 590_000, bytes: 145e6 },
    ];
    const harness = summarizeRun(record(points, { harnessRssPeaks })).report.harness;
    expect(harness).toMatchObject({ peakRssBytes: 190e6, rssPeakFirstThirdBytes: 190e6, rssPeakLastThirdBytes: 145e6 });
    expect(summarizeRun(record(points)).report.harness?.peakRssBytes).toBe(140e6);
  });

  it('marks a checkpoint as running, whatever its verdicts say', () => {
    expect(summarizeRun(record([], { running: true })).report.status).toBe('running');
  });
});
