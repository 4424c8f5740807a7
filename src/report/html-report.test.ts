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
    expect(html).toMatch(/<table id="lost">.*<td>\+1<\/td><td class="text">hi<\/td><td>none \(unanswered\)<\/td>/);
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

  it("draws six charts, each with its data drawn: a non-empty path, or the histogram's bars", () => {
    const charts = svgs(htmlReport(report()));
    expect(charts).toHaveLength(6);
    for (const chart of charts.slice(0, 5)) expect(chart).toMatch(/<path [^>]*d="M[\d.]+ [\d.]+/);
    expect(charts[5]?.match(/<rect class="bar"/g)).toHaveLength(4);
  });

  it("draws both throughput lines and the device's own latency percentiles, named as the device's", () => {
    const html = htmlReport(report());
    expect(html).toContain('data-series="in (injected)"');
    expect(html).toContain('data-series="out (accepted by the stub)"');
    expect(html).toContain('data-series="device p50"');
    expect(html).toContain('data-series="device p95"');
  });

  it('marks chaos steps on the charts and lists the timeline', () => {
    const html = htmlReport(report());
    expect(html).toMatch(/<line class="marker chaos"[^>]*><title>0:06 device killed \(SIGKILL\)<\/title>/);
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
    expect(fast).toContain('in device time (its clock ran 10000x; not judged)');
    const real = htmlReport(report({ deviceClock: { speed: 1, note: '' } }));
    expect(real).toContain('data-device-clock="1"');
    expect(real).not.toContain('in device time');
  });
});

const verdict = (name: string, expected: string, actual: string, value: number, passed = true) => ({
  name,
  expected,
  actual,
  value,
  result: passed ? ('pass' as const) : ('fail' as const),
  passed,
});

/** The `<g>` of the guide drawn for `name`'s bound. */
const guideOf = (html: string, name: string): string =>
  new RegExp(`<g class="guide bound[^"]*" data-bound="${name}">.*?</g>`).exec(html)?.[0] ?? '';

/** The text of the table with `id`, tags stripped. */
const tableText = (html: string, id: string): string =>
  (new RegExp(`<table id="${id}"[^>]*>(.*?)</table>`).exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'");

describe('report.html header', () => {
  const sha256 = '3f2ab1c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80';
  const current = (overrides: Partial<RunReport> = {}): RunReport =>
    report({
      scenario: { ...report().scenario, sha256 },
      smsgwVersion: '1.4.2',
      seed: 42,
      defects: ['no-recovery'],
      overrides: ['load.0.burst.count=1000', 'expect.lost=0'],
      ...overrides,
    });
  const field = (html: string, name: string): string =>
    new RegExp(`<div data-field="${name}"><dt>[^<]*</dt><dd>(.*?)</dd></div>`).exec(html)?.[1] ?? '';

  it('says what ran: seed, planted defects, --set overrides, smsgw version, and the scenario file with its short sha256, the whole one on hover', () => {
    const html = htmlReport(current());
    expect(field(html, 'seed')).toBe('<code>42</code>');
    expect(field(html, 'defects')).toContain('<code>no-recovery</code>');
    expect(field(html, 'defects')).toContain('planted on purpose');
    expect(field(html, 'overrides')).toBe('<code>load.0.burst.count=1000</code> <code>expect.lost=0</code>');
    expect(field(html, 'version')).toBe('1.4.2');
    expect(field(html, 'scenario-file')).toContain('<code>scenarios/flaky.yaml</code>');
    expect(field(html, 'scenario-file')).toContain(`title="sha256 ${sha256}"`);
    expect(field(html, 'scenario-file')).toContain('>sha256 3f2ab1c4d5e6…</span>');
    expect(field(html, 'run-id')).toBe('<code>r1</code>');
  });

  it('says when it ran as local date-times, the instant exact in the markup, and how long', () => {
    const html = htmlReport(current());
    expect(field(html, 'started')).toMatch(
      /^<time datetime="2026-11-29T10:00:00.000Z">2026-11-(28|29|30) \d\d:\d\d:00 \(UTC[+-]\d\d:\d\d\)<\/time>$/,
    );
    expect(field(html, 'finished')).toMatch(/^<time datetime="2026-11-29T10:00:12.000Z">.*:12 \(UTC/);
    expect(field(html, 'duration')).toBe('12 s');
    expect(html).toMatch(/<h1>flaky<span class="badge failed" id="status">FAILED<\/span><\/h1>/);
  });

  it('says "none" for the defects and overrides of a current report that had none', () => {
    const { defects: _defects, overrides: _overrides, ...none } = current();
    const html = htmlReport(none);
    expect(field(html, 'defects')).toBe('none');
    expect(field(html, 'overrides')).toBe('none');
  });

  it('leaves out what a report older than those fields cannot say, rather than saying "none"', () => {
    const html = htmlReport(report());
    for (const name of ['seed', 'version', 'defects', 'overrides'])
      expect(html).not.toContain(`<div data-field="${name}">`);
    expect(field(html, 'scenario-file')).toBe('<code>scenarios/flaky.yaml</code>');
  });
});

describe('report.html bounds on the charts they judge', () => {
  it("draws p95_latency's bound on the latency histogram where its value falls, labelled as the verdict reads", () => {
    // Four 5 ms buckets: the axis ends at 20 ms, so 10 ms is half-way along the 490-unit plot from x=56.
    const html = htmlReport(report({ verdicts: [verdict('p95_latency', '< 10ms', '20ms', 20, false)] }));
    const guide = guideOf(html, 'p95_latency');
    expect(guide).toMatch(/^<g class="guide bound fail" data-bound="p95_latency">/);
    expect(guide).toContain('<line x1="301" x2="301"');
    expect(guide).toContain('>p95_latency &lt; 10ms</text>');
    expect(svgs(html)[5]).toContain(guide);
  });

  it("names a latency bound past the histogram's axis in its corner, and draws no line off the chart", () => {
    const html = htmlReport(report({ verdicts: [verdict('p95_latency', '< 2s', '20ms', 20)] }));
    const guide = new RegExp('<g class="guide bound pass off-scale" data-bound="p95_latency">.*?</g>').exec(html)?.[0];
    expect(guide).toContain('>p95_latency &lt; 2s (past the axis →)</text>');
    expect(guide).not.toContain('<line');
  });

  it('marks the measured p95 on the histogram as the exact one, the one p95_latency judges', () => {
    const html = htmlReport(report());
    expect(svgs(html)[5]).toMatch(
      /<g class="guide measured"><title>p95 20 ms: exact, over every delivered SMS \(the figure p95_latency judges\)<\/title><line [^>]*\/><text [^>]*>p95 20 ms<\/text><\/g>/,
    );
    expect(html).toContain('Delivery latency, the device&#39;s own figures (not judged)');
  });

  it("draws device_rss's bound on the memory chart, its axis raised to show it", () => {
    const html = htmlReport(report({ verdicts: [verdict('device_rss', '< 200MB', '100.1MB', 100_110_000)] }));
    const memory = svgs(html)[3] ?? '';
    expect(guideOf(memory, 'device_rss')).toMatch(/<line x1="56" x2="546" y1="[\d.]+"/);
    expect(guideOf(memory, 'device_rss')).toContain('>device_rss &lt; 200MB</text>');
    const yLabels = [...memory.matchAll(/<text class="tick y"[^>]*>([^<]*)</g)].map((match) => match[1]);
    expect(yLabels.at(-1)).toMatch(/^(2[5-9]\d|300) MB$/);
  });

  it("draws drained_within's deadline on the queue chart, counted from the end of the load, beside when it drained", () => {
    // The load ran from 1 s to 11 s of the 12 s run; the deadline 500 ms later is at 11.5 s.
    const html = htmlReport(report({ verdicts: [verdict('drained_within', '500ms', '500ms', 500)] }));
    const queue = svgs(html)[0] ?? '';
    const x = (56 + (490 * 11_500) / 12_000).toFixed(1).replace(/\.0$/, '');
    expect(guideOf(queue, 'drained_within')).toContain(`<line x1="${x}" x2="${x}"`);
    expect(guideOf(queue, 'drained_within')).toContain('>drained_within 500ms</text>');
    expect(queue).toMatch(/<g class="guide measured">.*?>drained after 500 ms<\/text>/);
  });

  it('draws no bound the scenario did not set', () => {
    expect(htmlReport(report())).not.toContain('data-bound=');
  });
});

describe('report.html axes', () => {
  it('labels a queue that never held more than 1 SMS 0 and 1, never "0 0 1 1 1"', () => {
    const points = Array.from({ length: 12 }, (_, second) => ({ ...point(second), queueSize: second % 2 }));
    const html = htmlReport(report({ series: { ...report().series!, points } }));
    const queue = svgs(html)[0] ?? '';
    expect([...queue.matchAll(/<text class="tick y"[^>]*>([^<]*)</g)].map((match) => match[1])).toEqual(['0', '1']);
  });

  it('labels every axis of every chart with distinct values', () => {
    for (const chart of svgs(htmlReport(report()))) {
      for (const axis of ['x', 'y']) {
        const labels = [...chart.matchAll(new RegExp(`<text class="tick ${axis}"[^>]*>([^<]*)<`, 'g'))].map(
          (match) => match[1],
        );
        expect(labels.length).toBeGreaterThan(1);
        expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      }
    }
  });

  it('gives every moment of a line chart a hover text with each series value', () => {
    const queue = svgs(htmlReport(report()))[0] ?? '';
    expect(queue).toContain('<title>0:03 · queued: 3</title>');
  });
});

describe('report.html device, stub and lost SMS', () => {
  const device = {
    engine: {
      status: 'degraded',
      reasons: ['queue is paused'],
      queueSize: 12,
      oldestPendingAgeMs: 184_000,
      successRate24h: 0.998,
      latencyP95Ms: 1_234,
      lastError: { message: 'HTTP 503', category: 'server', at: Date.UTC(2026, 10, 29, 10, 0, 5) },
      paused: { reason: 'Webhook redirects', category: 'config' },
      receiverPaused: null,
      dispatcherRunning: true,
      lastRunAt: Date.UTC(2026, 10, 29, 10, 0, 11),
    },
    rssBytes: 123_456_789,
    backlog: 0,
  };
  const stub = {
    requests: 1200,
    faults: { status: 3, delay: 0, reset: 1 },
    lastRequestAt: Date.UTC(2026, 10, 29, 10, 0, 11),
    somethingNewMs: 1500,
  };

  it('reads the device at the end in words: times as times, sizes in MB, instants as date-times', () => {
    const text = tableText(htmlReport(report({ device })), 'device');
    expect(text).toContain('Queue depth');
    expect(text).not.toContain('queueSize');
    expect(text).toMatch(/Oldest SMS waiting\s+3 min 4 s/);
    expect(text).toMatch(/Success rate, last 24 h\s+99.8%/);
    expect(text).toMatch(/Latency p95, the device's own figure\s+1.2 s/);
    expect(text).toMatch(/Memory \(RSS\)\s+123.5 MB/);
    expect(text).toMatch(/Queue paused\s+Webhook redirects \(config\)/);
    expect(text).toMatch(/Last error\s+HTTP 503 \(server\), at 2026-11-\d\d \d\d:\d\d:05 \(UTC/);
    expect(text).toMatch(/Last dispatch run\s+2026-11-\d\d \d\d:\d\d:11 \(UTC/);
    expect(text).toMatch(/SMS receiver paused\s+no/);
    expect(text).toMatch(/Why not healthy\s+queue is paused/);
  });

  it('reads the stub in words, its faults by name, a field it does not know by its name', () => {
    const text = tableText(htmlReport(report({ stub })), 'stub');
    expect(text).toMatch(/Requests\s+1,200/);
    expect(text).toMatch(/Faults fired\s+3 status answers \(e.g. 503\) · 1 connections reset/);
    expect(text).toMatch(/Last request\s+2026-11-\d\d/);
    expect(text).toMatch(/Something new ms\s+1.5 s/);
  });

  it('shows no JSON in the device, stub and environment tables', () => {
    const html = htmlReport(report({ device, stub, environment: { node: 'v20', platform: 'linux x64', cpus: 2 } }));
    for (const id of ['device', 'stub', 'environment']) expect(tableText(html, id)).not.toMatch(/[{}[\]]|&quot;/);
  });

  it('numbers each lost SMS as its text does (#17), beside its index in trace.jsonl', () => {
    const html = htmlReport(
      report({
        lostSamples: [
          { index: 16, sender: '+1', text: 'Card ending 8485 was charged USD 847.27 at CAFE. #17' },
          { index: 4, sender: '+2', text: 'GPS T5 lat=1 lon=2 spd=3km/h bat=4%' },
          { index: 9, sender: '+3', text: 'sha256:9f2c' },
        ],
      }),
    );
    expect(html).toContain(
      '<td class="num" data-text-number="17">#17</td><td class="num muted" title="its line in trace.jsonl has index 16">16</td>',
    );
    expect(html).toContain('<td class="num" data-text-number="5">#5</td>');
    expect(html).toContain('<td class="num" data-text-number="">—</td>');
  });
});

describe('report.html for a run a verdict stopped', () => {
  it('says in its head which verdict stopped the run, when, and how much of the load had run', () => {
    const html = htmlReport(
      report({ aborted: { verdict: 'lost', atMs: 6_600, loadMs: 2_000, plannedLoadMs: 15_000 } }),
    );
    expect(html).toContain(
      '<div data-field="aborted"><dt>Stopped early</dt><dd>lost failed at 0:07, after 2 s of 15 s of load (abort_on_fail)</dd></div>',
    );
    expect(htmlReport(report())).not.toContain('<div data-field="aborted">');
  });
});

describe('report.html size', () => {
  it('stays small for a soak: at most 150 hover texts a chart, whatever the number of points', () => {
    const points = Array.from({ length: 2_000 }, (_, second) => point(second));
    const html = htmlReport(report({ durationMs: 2_000_000, series: { ...report().series!, points } }));
    for (const chart of svgs(html).slice(0, 5))
      expect(chart.match(/<rect class="hover"/g)?.length).toBeLessThanOrEqual(150);
    expect(html.length).toBeLessThan(400_000);
  });
});
