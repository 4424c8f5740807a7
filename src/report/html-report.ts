// report.html: one self-contained page (inline CSS, server-drawn SVG, no script, no network) that a CI
// reader opens instead of reading report.json.
import type { MetricsPoint, TimelineEntry } from '../metrics/metrics-snapshot';
import { latencyHistogram } from '../metrics/histogram';
import { ratesOf } from '../metrics/rates';
import { formatBytes } from '../units/index';
import { VERSION } from '../version';
import { countTiles, factsTable, timelineTable, verdictRows } from './html-sections';
import { reportCss } from './html-style';
import type { RunReport } from './run-report';
import { histogramChart } from './svg-histogram';
import { lineChart, type LineChartOptions } from './svg-line-chart';
import { escapeXml } from './svg-kit';

const palette = {
  in: '#1c7ed6',
  out: '#2f9e44',
  queue: '#e67700',
  p50: '#4c6ef5',
  p95: '#ae3ec9',
  rss: '#364fc7',
  harness: '#868e96',
  faults: '#c62828',
} as const;

const msLabel = (value: number): string =>
  value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
const perSecond = (value: number): string => `${Number(value.toFixed(1))}/s`;

/** The run's events; reports without a series still have the chaos timeline (from the load's start). */
function eventsOf(report: RunReport): TimelineEntry[] {
  if (report.series) return [...report.series.events];
  return report.timeline.map((event) => ({ atMs: event.atMs, kind: 'chaos' as const, text: event.event }));
}

type ChartFrame = Pick<LineChartOptions, 'durationMs' | 'markers' | 'band'>;
type Chart = (points: readonly MetricsPoint[], frame: ChartFrame) => string;

/** What every line chart shares: the run's length, the chaos and fault markers, the load phase's band. */
function chartFrame(report: RunReport, points: readonly MetricsPoint[], events: readonly TimelineEntry[]): ChartFrame {
  const loadStartMs = report.series?.loadStartMs ?? 0;
  return {
    durationMs: Math.max(report.durationMs, points.at(-1)?.atMs ?? 0),
    markers: events
      .filter((event) => event.kind !== 'stub')
      .map((event) => ({ atMs: event.atMs, label: event.text, kind: event.kind })),
    band: { fromMs: loadStartMs, toMs: loadStartMs + report.phases.loadMs, label: 'load phase' },
  };
}

const queueChart: Chart = (points, frame) =>
  lineChart({
    ...frame,
    id: 'queue',
    title: 'Queue depth on the device',
    formatY: (value) => String(Math.round(value)),
    series: [{ name: 'queued', color: palette.queue, points: points.map((point) => [point.atMs, point.queueSize]) }],
  });

const throughputChart: Chart = (points, frame) => {
  const rates = ratesOf(points);
  return lineChart({
    ...frame,
    id: 'throughput',
    title: 'Throughput',
    formatY: perSecond,
    series: [
      { name: 'in (injected)', color: palette.in, points: rates.map((rate) => [rate.atMs, rate.inPerSec]) },
      {
        name: 'out (accepted by the stub)',
        color: palette.out,
        points: rates.map((rate) => [rate.atMs, rate.outPerSec]),
      },
    ],
  });
};

/** The device's own latency figures are on its clock: a fast clock makes them that many times longer. */
const latencyChart =
  (deviceSpeed: number): Chart =>
  (points, frame) =>
    lineChart({
      ...frame,
      id: 'latency',
      title:
        deviceSpeed === 1
          ? 'Delivery latency, as the device reports it'
          : `Delivery latency, as the device reports it, in device time (its clock ran ${deviceSpeed}x)`,
      formatY: msLabel,
      series: [
        { name: 'p50', color: palette.p50, points: points.map((point) => [point.atMs, point.latencyP50Ms]) },
        { name: 'p95', color: palette.p95, points: points.map((point) => [point.atMs, point.latencyP95Ms]) },
      ],
    });

const memoryChart: Chart = (points, frame) =>
  lineChart({
    ...frame,
    id: 'rss',
    title: 'Memory (RSS): the device, and the harness itself',
    formatY: (value) => formatBytes(value),
    series: [
      { name: 'device', color: palette.rss, points: points.map((point) => [point.atMs, point.rssBytes]) },
      {
        name: 'harness',
        color: palette.harness,
        points: points.map((point) => [point.atMs, point.harnessRssBytes ?? null]),
      },
    ],
  });

const faultsChart: Chart = (points, frame) => {
  const faultRates = ratesOf(points.map((point) => ({ ...point, injected: point.faults, accepted: null })));
  return lineChart({
    ...frame,
    id: 'faults',
    title: 'Stub faults fired',
    formatY: perSecond,
    series: [
      {
        name: 'faults per second',
        color: palette.faults,
        points: faultRates.map((rate) => [rate.atMs, rate.inPerSec]),
      },
    ],
  });
};

function charts(report: RunReport, points: readonly MetricsPoint[], events: readonly TimelineEntry[]): string {
  const frame = chartFrame(report, points, events);
  const speed = report.deviceClock?.speed ?? 1;
  const lines = [queueChart, throughputChart, latencyChart(speed), memoryChart, faultsChart].map((chart) =>
    chart(points, frame),
  );
  const histogram = histogramChart(
    'histogram',
    'Latency histogram (injection → first 2xx)',
    report.series?.latencyHistogram ?? latencyHistogram([]),
  );
  return [...lines, histogram].join('');
}

/** Which clock the times are on: the harness's, and the device's when it ran fast. */
function clocksNote(report: RunReport): string {
  const speed = report.deviceClock?.speed ?? 1;
  const device =
    speed === 1
      ? " The device's clock is real time."
      : ` The device's clock ran ${speed}x the wall clock: its own times (Device at the end, the device's latency chart) are device time.`;
  const text = `Latencies, the load and the drain are on the harness's wall clock.${device}`;
  return `<p class="sub" id="clocks" data-device-clock="${speed}">${escapeXml(text)}</p>`;
}

/** Why the lost SMS were never delivered, in the device's words, above their table. */
const deviceSaysLine = (report: RunReport): string =>
  report.deviceSays
    ? `<p class="sub" id="device-says">The device says: ${escapeXml(report.deviceSays)} (its word: the count is the server's ledger)</p>`
    : '';

export function htmlReport(report: RunReport): string {
  const points = report.series?.points ?? [];
  const events = eventsOf(report);
  const device = (report.device as { engine?: Record<string, unknown>; rssBytes?: unknown }).engine
    ? {
        ...(report.device as { engine: Record<string, unknown> }).engine,
        rssBytes: (report.device as { rssBytes?: unknown }).rssBytes,
      }
    : report.device;
  const title = `${report.scenario.name} · ${report.status.toUpperCase()}`;
  const error = report.error ? `<p class="error" id="run-error">${escapeXml(report.error)}</p>` : '';
  const lost = report.lostSamples.length
    ? `<h2>Lost SMS (first ${report.lostSamples.length})</h2>${deviceSaysLine(report)}<table id="lost"><thead><tr><th>#</th><th>sender</th><th>text</th><th>device's answer</th></tr></thead><tbody>${report.lostSamples
        .map(
          (sample) =>
            `<tr><td class="num">${sample.index}</td><td>${escapeXml(sample.sender)}</td><td>${escapeXml(sample.text)}</td><td>${sample.unanswered ? 'none (unanswered)' : 'OK'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsgw · ${escapeXml(title)}</title><style>${reportCss}</style></head>
<body><main>
<h1>${escapeXml(report.scenario.name)}<span class="badge ${report.status}" id="status">${escapeXml(report.status.toUpperCase())}</span></h1>
<p class="sub">${escapeXml(report.scenario.description)} · ${escapeXml(report.scenario.file)} · started ${escapeXml(report.startedAt)} · ${msLabel(report.durationMs)}</p>
${error}
<h2>Verdicts</h2>${verdictRows(report)}
<h2>Counts</h2>${countTiles(report)}${clocksNote(report)}
<h2>Over time</h2><p class="sub">Shaded: the load phase. Dashed lines: chaos steps (purple), device status changes (amber), pauses (blue); hover for what.</p>
<div class="charts">${charts(report, points, events)}</div>
<h2>Faults and chaos timeline</h2>${timelineTable(events)}
${lost}
<h2>Environment</h2>${factsTable('environment', { runId: report.runId, ...report.environment })}
<h2>Device at the end</h2>${factsTable('device', device)}
<h2>Stub</h2>${factsTable('stub', report.stub)}
<footer>smsgw ${escapeXml(VERSION)} · report.json, junit.xml and trace.jsonl sit beside this file.</footer>
</main></body></html>
`;
}
