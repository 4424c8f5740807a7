// The numbers of one run that a comparison or a baseline threshold reads, each with its unit.
import type { ThresholdUnit } from '../units/index';
import type { RunReport } from './run-report';

export interface ReportMetric {
  readonly name: string;
  readonly unit: ThresholdUnit | 'perSecond';
  readonly value: number | null;
}

const verdictValue = (report: RunReport, name: string): number | null => {
  const value = report.verdicts.find((verdict) => verdict.name === name)?.value;
  return typeof value === 'number' ? value : null;
};

/** Peak device RSS: the `device_rss` verdict when the run had one, else the highest sample of the series. */
function peakRss(report: RunReport): number | null {
  const fromVerdict = verdictValue(report, 'device_rss');
  if (fromVerdict !== null) return fromVerdict;
  const samples = (report.series?.points ?? []).flatMap((point) => (point.rssBytes === null ? [] : [point.rssBytes]));
  return samples.length === 0 ? null : Math.max(...samples);
}

/** SMS the server accepted over SMS that reached the device, as the verdict measures it; older reports had delivered / acknowledged. */
function successRate(counts: RunReport['counts']): number | null {
  if (counts.sent === undefined) return counts.injected === 0 ? null : counts.delivered / counts.injected;
  const accepted = counts.delivered + (counts.unansweredDelivered ?? 0) + counts.inDoubtDelivered;
  return counts.sent === 0 ? null : accepted / counts.sent;
}

/** Every comparable number of a run, in a fixed order; null where the run did not measure it. */
export function reportMetrics(report: RunReport): ReportMetric[] {
  const { counts, latency, phases } = report;
  return [
    { name: 'injected', unit: 'count', value: counts.injected },
    { name: 'delivered', unit: 'count', value: counts.delivered },
    { name: 'lost', unit: 'count', value: counts.lost },
    { name: 'duplicates', unit: 'count', value: counts.duplicates },
    { name: 'redeliveries', unit: 'count', value: counts.redeliveries },
    { name: 'refused', unit: 'count', value: counts.refused },
    { name: 'unanswered', unit: 'count', value: counts.unanswered ?? null },
    { name: 'success_rate', unit: 'ratio', value: successRate(counts) },
    { name: 'p50_latency', unit: 'ms', value: latency.p50Ms },
    { name: 'p95_latency', unit: 'ms', value: latency.p95Ms },
    { name: 'p99_latency', unit: 'ms', value: latency.p99Ms },
    { name: 'max_latency', unit: 'ms', value: latency.maxMs },
    { name: 'peak_rss', unit: 'bytes', value: peakRss(report) },
    { name: 'drain_time', unit: 'ms', value: phases.drainMs },
    {
      name: 'throughput',
      unit: 'perSecond',
      value: phases.loadMs > 0 ? counts.delivered / (phases.loadMs / 1000) : null,
    },
    { name: 'rss_growth', unit: 'bytesPerHour', value: verdictValue(report, 'rss_growth') },
    { name: 'db_growth', unit: 'bytesPerHour', value: verdictValue(report, 'db_growth') },
    // The harness's own memory: a soak compared with the last one shows whether smsgw itself grew.
    { name: 'harness_rss_peak', unit: 'bytes', value: report.harness?.peakRssBytes ?? null },
    { name: 'harness_rss_last_third', unit: 'bytes', value: report.harness?.rssPeakLastThirdBytes ?? null },
    { name: 'harness_heap_retained', unit: 'bytes', value: report.harness?.retainedHeapLastBytes ?? null },
  ];
}

/** Which report metric a verdict's baseline reads (`drained_within` is the drain time, `device_rss` the peak). */
export const baselineMetricOf: Readonly<Record<string, string>> = {
  lost: 'lost',
  duplicates: 'duplicates',
  refused: 'refused',
  unanswered: 'unanswered',
  success_rate: 'success_rate',
  p95_latency: 'p95_latency',
  device_rss: 'peak_rss',
  drained_within: 'drain_time',
  rss_growth: 'rss_growth',
  db_growth: 'db_growth',
};
