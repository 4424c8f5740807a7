import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import type { MetricsPoint } from '../metrics/metrics-snapshot';
import { summarizeRun, type RunRecord } from './summarize-run';
import { openInjectionStore } from './injection-store';

const scenario = parseScenario('name: s\nload: [ { soak: { rate: 1/s, for: 10m } } ]\nexpect:\n  rss_growth: "< 5MB/h"\n', 's.yaml');
const point = (atMs: number, rssBytes: number): MetricsPoint => ({ atMs, injected: 0, accepted: 0, queueSize: 0, latencyP50Ms: null, latencyP95Ms: null, rssBytes, faults: 0 });
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
const rssGrowth = (summary: ReturnType<typeof summarizeRun>) => summary.report.verdicts.find((verdict) => verdict.name === 'rss_growth');

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

  it('marks a checkpoint as running, whatever its verdicts say', () => {
    expect(summarizeRun(record([], { running: true })).report.status).toBe('running');
  });
});
