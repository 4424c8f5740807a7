import { describe, expect, it } from 'vitest';
import { htmlReport } from './html-report';
import type { RunReport } from './run-report';
import type { MetricsPoint } from '../metrics/metrics-snapshot';

const point = (second: number): MetricsPoint => ({
  atMs: second * 1000,
  injected: second * 10,
  accepted: second * 9,
  queueSize: second % 4,
  latencyP50Ms: 30,
  latencyP95Ms: 80 + second,
  rssBytes: 100_000_000 + second * 10_000,
  faults: second,
});

const report = (overrides: Partial<RunReport> = {}): RunReport => ({
  schemaVersion: 1,
  runId: 'r1',
  status: 'failed',
  scenario: { name: 'flaky', description: 'Faults <b>& resets</b>', file: 'scenarios/flaky.yaml' },
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:00:12.000Z',
  durationMs: 12_000,
  phases: { loadMs: 10_000, drainMs: 500 },
  counts: {
    planned: 100,
    injected: 100,
    refused: 0,
    inDoubt: 0,
    inDoubtDelivered: 0,
    delivered: 99,
    lost: 1,
    duplicates: 0,
    redeliveries: 3,
  },
  latency: { p50Ms: 10, p95Ms: 20, p99Ms: 30, maxMs: 40 },
  timeline: [{ atMs: 5_000, event: 'device killed (SIGKILL)' }],
  verdicts: [
    {
      name: 'lost',
      expected: '0',
      actual: '1',
      value: 1,
      result: 'fail',
      passed: false,
      detail: '1 of 100 acknowledged SMS never reached the server',
    },
    { name: 'duplicates', expected: '0', actual: '0', value: 0, result: 'pass', passed: true },
  ],
  lostSamples: [{ index: 7, sender: '+100', text: '<script>alert(1)</script>' }],
  stub: { requests: 120 },
  device: { engine: { status: 'healthy', queueSize: 0 }, rssBytes: 123 },
  environment: { node: 'v20.19.4', platform: 'linux x64' },
  series: {
    points: Array.from({ length: 12 }, (_, second) => point(second)),
    events: [
      { atMs: 6_000, kind: 'chaos', text: 'device killed (SIGKILL)' },
      { atMs: 6_500, kind: 'device', text: 'device unreachable' },
    ],
    latencyHistogram: { bucketMs: 5, counts: [1, 4, 9, 3], overflow: 1 },
    loadStartMs: 1_000,
  },
  ...overrides,
});

const svgs = (html: string): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe('htmlReport', () => {
  it('is one self-contained page: no script, no external URL', () => {
    const html = htmlReport(report());
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('has a verdict row per verdict with its result', () => {
    const html = htmlReport(report());
    expect(html).toContain('<tr class="fail" data-verdict="lost"><td>lost');
    expect(html).toMatch(/data-verdict="duplicates">.*<td class="result">PASS<\/td>/);
  });

  it('shows a verdict the run could not judge as NOT JUDGED, neither pass nor fail', () => {
    const notJudged = {
      name: 'drained_within',
      expected: '1m',
      actual: 'not measured',
      value: null,
      result: 'not-judged' as const,
      passed: false,
      detail: 'not judged: the run was interrupted before it could be',
    };
    const html = htmlReport(report({ status: 'interrupted', verdicts: [notJudged] }));
    expect(html).toMatch(/<tr class="not-judged" data-verdict="drained_within">.*<td class="result">NOT JUDGED<\/td>/);
    expect(html).not.toMatch(/data-verdict="drained_within">.*<td class="result">(PASS|FAIL)<\/td>/);
  });

  it('lists an unanswered SMS the server never got with the lost ones, saying the device never answered it', () => {
    const html = htmlReport(
      report({
        lostSamples: [{ index: 9, sender: '+1', text: 'hi', unanswered: true }],
        counts: { ...report().counts, unanswered: 1, unansweredDelivered: 0 },
      }),
    );
    expect(html).toMatch(
      /<table id="lost">.*<td class="num">9<\/td><td>\+1<\/td><td>hi<\/td><td>none \(unanswered\)<\/td>/,
    );
    expect(html).toMatch(/<div class="tile bad" data-count="unanswered \(0 delivered\)"><b>1<\/b>/);
  });

  it("puts the device's reason above the lost SMS, escaped", () => {
    const html = htmlReport(
      report({
        lostSamples: [{ index: 0, sender: '+1', text: 'a' }],
        deviceSays: 'queue paused: Webhook redirects (302 to /<elsewhere>): set the final URL',
      }),
    );
    expect(html).toContain(
      '<p class="sub" id="device-says">The device says: queue paused: Webhook redirects (302 to /&lt;elsewhere&gt;): set the final URL',
    );
    expect(htmlReport(report({ lostSamples: [{ index: 0, sender: '+1', text: 'a' }] }))).not.toContain('device-says');
  });

  it('draws six charts, each with a non-empty path', () => {
    const charts = svgs(htmlReport(report()));
    expect(charts).toHaveLength(6);
    for (const chart of charts) expect(chart).toMatch(/<path [^>]*d="M[\d.]+ [\d.]+/);
  });

  it('draws both throughput lines and both latency percentiles', () => {
    const html = htmlReport(report());
    expect(html).toContain('data-series="in (injected)"');
    expect(html).toContain('data-series="out (accepted by the stub)"');
    expect(html).toContain('data-series="p50"');
    expect(html).toContain('data-series="p95"');
  });

  it('marks chaos steps on the charts and lists the timeline', () => {
    const html = htmlReport(report());
    expect(html).toMatch(/<line class="marker chaos"[^>]*><title>device killed \(SIGKILL\)<\/title>/);
    expect(html).toMatch(/<tr data-kind="device"><td class="num">0:07<\/td>/);
  });

  it('escapes every text from the run, so a hostile SMS cannot inject markup', () => {
    const html = htmlReport(report());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Faults &lt;b&gt;&amp; resets&lt;/b&gt;');
  });

  it('says "no samples" rather than drawing nothing for a run that ended before its first sample', () => {
    const { series: _series, ...withoutSeries } = report();
    const html = htmlReport(withoutSeries);
    expect(html).toContain('no samples');
    expect(html).toContain('no deliveries');
    expect(html).toMatch(/<tr data-kind="chaos"><td class="num">0:05<\/td>/);
  });

  it('shows how many SMS the app gave up on beside the lost ones', () => {
    const html = htmlReport(report({ counts: { ...report().counts, lost: 4, gaveUp: 4 } }));
    expect(html).toMatch(/<div class="tile bad" data-count="gave up"><b>4<\/b>/);
    expect(htmlReport(report())).toMatch(/data-count="gave up"><b>—<\/b>/);
  });

  it('says which clock the times are on, and titles the device’s latency chart in device time when its clock ran fast', () => {
    const fast = htmlReport(report({ deviceClock: { speed: 10_000, note: '' } }));
    expect(fast).toMatch(
      /<p class="sub" id="clocks" data-device-clock="10000">Latencies, the load and the drain are on the harness&#39;s wall clock\./,
    );
    expect(fast).toContain('in device time (its clock ran 10000x)');
    const real = htmlReport(report({ deviceClock: { speed: 1, note: '' } }));
    expect(real).toContain('data-device-clock="1"');
    expect(real).not.toContain('in device time');
  });
});
