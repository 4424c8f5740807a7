// `smsgw report compare`: two runs side by side, metric by metric, for a baseline check by eye or by machine.
import { formatRate, formatThresholdValue, tidy } from '../units/index';
import type { RunReport } from './run-report';
import { reportMetrics, type ReportMetric } from './report-metrics';

export interface MetricChange {
  readonly name: string;
  readonly unit: ReportMetric['unit'];
  readonly a: number | null;
  readonly b: number | null;
  /** b − a; null when either side was not measured. */
  readonly change: number | null;
  /** The change as a share of a (0.1 = +10%); null when a is 0 or either side is missing. */
  readonly changeRatio: number | null;
}

export interface Comparison {
  readonly a: { readonly runId: string; readonly scenario: string; readonly status: string };
  readonly b: { readonly runId: string; readonly scenario: string; readonly status: string };
  readonly metrics: readonly MetricChange[];
}

/** Every metric of both runs, with the change from a to b. */
export function compareReports(a: RunReport, b: RunReport): Comparison {
  const after = new Map(reportMetrics(b).map((metric) => [metric.name, metric.value]));
  const metrics = reportMetrics(a).map(({ name, unit, value }): MetricChange => {
    const other = after.get(name) ?? null;
    const change = value === null || other === null ? null : tidy(other - value);
    return {
      name,
      unit,
      a: value,
      b: other,
      change,
      changeRatio: change === null || value === 0 || value === null ? null : tidy(change / value),
    };
  });
  const about = (report: RunReport) => ({ runId: report.runId, scenario: report.scenario.name, status: report.status });
  return { a: about(a), b: about(b), metrics };
}

/** `like`: for a change, the larger of the two values, so a rate's change reads in their unit. */
const show = (value: number | null, unit: ReportMetric['unit'], like: number | null = value): string =>
  value === null ? '—' : unit === 'perSecond' ? formatRate(value, like ?? value) : formatThresholdValue(value, unit);

/** "+5ms" for a rise; a change too small to show ("0/s", "0B") gets no sign. */
const signed = (text: string, value: number): string => (value > 0 && !/^0(?![.\d])/.test(text) ? `+${text}` : text);

/** A plain table: metric, A, B, change, % change. */
export function comparisonTable(comparison: Comparison): string {
  const rows = comparison.metrics.map(({ name, unit, a, b, change, changeRatio }) => [
    name,
    show(a, unit),
    show(b, unit),
    change === null ? '—' : signed(show(change, unit, Math.max(Math.abs(a ?? 0), Math.abs(b ?? 0))), change),
    changeRatio === null ? '—' : signed(`${tidy(changeRatio * 100, 1)}%`, changeRatio),
  ]);
  const header = ['metric', 'A', 'B', 'change', '% change'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [
    `A: ${comparison.a.runId} (${comparison.a.scenario}, ${comparison.a.status})`,
    `B: ${comparison.b.runId} (${comparison.b.scenario}, ${comparison.b.status})`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
