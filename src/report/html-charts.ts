// The charts of report.html, each with the verdicts' bounds on the measure it shows: the drain's
// deadline on the queue, device_rss on the memory, the latency bounds on the latency histogram.
import type { MetricsPoint, TimelineEntry } from '../metrics/metrics-snapshot';
import { latencyHistogram } from '../metrics/histogram';
import { ratesOf } from '../metrics/rates';
import { boundOf, latencyBounds, type Bound } from './html-bounds';
import { readableBytes, readableDuration } from './html-format';
import type { RunReport } from './run-report';
import { histogramChart, type LatencyGuide } from './svg-histogram';
import { lineChart, type LevelGuide, type LineChartOptions, type MomentGuide } from './svg-line-chart';

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

const perSecond = (value: number): string => `${Number(value.toFixed(2))}/s`;
const countLabel = (value: number): string => String(Math.round(value));

/** The run's events; reports without a series still have the chaos timeline (from the load's start). */
export function eventsOf(report: RunReport): TimelineEntry[] {
  if (report.series) return [...report.series.events];
  return report.timeline.map((event) => ({ atMs: event.atMs, kind: 'chaos' as const, text: event.event }));
}

type ChartFrame = Pick<LineChartOptions, 'durationMs' | 'markers' | 'band'>;

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

const boundGuide = (
  bound: Bound,
  title: string,
): Pick<LevelGuide, 'label' | 'kind' | 'verdict' | 'result' | 'title'> => ({
  label: bound.label,
  kind: 'bound',
  verdict: bound.verdict,
  result: bound.result,
  title,
});

/** `drained_within`: the queue must be empty that long after the load ended; and when it was. */
function drainMoments(report: RunReport): MomentGuide[] {
  const loadEndMs = (report.series?.loadStartMs ?? 0) + report.phases.loadMs;
  const bound = boundOf(report, 'drained_within', 'ms');
  const deadline = bound
    ? [
        {
          ...boundGuide(
            bound,
            `${bound.label}: the queue must be empty by here, ${readableDuration(bound.value)} after the load ended`,
          ),
          atMs: loadEndMs + bound.value,
        },
      ]
    : [];
  const drained =
    report.phases.drainMs === null
      ? []
      : [
          {
            label: `drained after ${readableDuration(report.phases.drainMs)}`,
            kind: 'measured' as const,
            atMs: loadEndMs + report.phases.drainMs,
          },
        ];
  return [...drained, ...deadline];
}

function queueChart(report: RunReport, points: readonly MetricsPoint[], frame: ChartFrame): string {
  return lineChart({
    ...frame,
    id: 'queue',
    title: 'Queue depth on the device',
    formatY: countLabel,
    integer: true,
    moments: drainMoments(report),
    series: [{ name: 'queued', color: palette.queue, points: points.map((point) => [point.atMs, point.queueSize]) }],
  });
}

function throughputChart(points: readonly MetricsPoint[], frame: ChartFrame): string {
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
}

/**
 * The device's own rolling latency figures, on its clock (a fast clock makes them that many times
 * longer), from its own start of each SMS: not the figures the latency verdicts judge, so no bound is
 * drawn here; those are on the histogram.
 */
function deviceLatencyChart(report: RunReport, points: readonly MetricsPoint[], frame: ChartFrame): string {
  const speed = report.deviceClock?.speed ?? 1;
  return lineChart({
    ...frame,
    id: 'latency',
    title:
      speed === 1
        ? "Delivery latency, the device's own figures (not judged)"
        : `Delivery latency, the device's own figures in device time (its clock ran ${speed}x; not judged)`,
    formatY: readableDuration,
    series: [
      { name: 'device p50', color: palette.p50, points: points.map((point) => [point.atMs, point.latencyP50Ms]) },
      { name: 'device p95', color: palette.p95, points: points.map((point) => [point.atMs, point.latencyP95Ms]) },
    ],
  });
}

function memoryChart(report: RunReport, points: readonly MetricsPoint[], frame: ChartFrame): string {
  const bound = boundOf(report, 'device_rss', 'bytes');
  return lineChart({
    ...frame,
    id: 'rss',
    title: 'Memory (RSS): the device, and the harness itself',
    formatY: readableBytes,
    levels: bound
      ? [{ ...boundGuide(bound, `${bound.label}: the device's peak RSS is judged against this`), value: bound.value }]
      : [],
    series: [
      { name: 'device', color: palette.rss, points: points.map((point) => [point.atMs, point.rssBytes]) },
      {
        name: 'harness',
        color: palette.harness,
        points: points.map((point) => [point.atMs, point.harnessRssBytes ?? null]),
      },
    ],
  });
}

function faultsChart(points: readonly MetricsPoint[], frame: ChartFrame): string {
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
}

/** The measured p95 (the one `p95_latency` judges) and every latency verdict's bound. */
function latencyGuides(report: RunReport): LatencyGuide[] {
  const p95 = report.latency.p95Ms;
  const measured: LatencyGuide[] =
    p95 === null
      ? []
      : [
          {
            ms: p95,
            label: `p95 ${readableDuration(p95)}`,
            kind: 'measured',
            title: `p95 ${readableDuration(p95)}: exact, over every delivered SMS (the figure p95_latency judges)`,
          },
        ];
  const bounds = latencyBounds(report).map((bound) => ({
    ...boundGuide(bound, `${bound.label}: judged on the exact latencies this histogram counts`),
    ms: bound.value,
  }));
  return [...measured, ...bounds];
}

export function chartsHtml(report: RunReport): string {
  const points = report.series?.points ?? [];
  const frame = chartFrame(report, points, eventsOf(report));
  const histogram = histogramChart({
    id: 'histogram',
    title: 'Latency histogram (injection → first 2xx, exact)',
    histogram: report.series?.latencyHistogram ?? latencyHistogram([]),
    guides: latencyGuides(report),
  });
  return [
    queueChart(report, points, frame),
    throughputChart(points, frame),
    deviceLatencyChart(report, points, frame),
    memoryChart(report, points, frame),
    faultsChart(points, frame),
    histogram,
  ].join('');
}
