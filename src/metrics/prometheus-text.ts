// Prometheus's text exposition format, version 0.0.4: what `GET /metrics` answers, so a Prometheus
// server (and Grafana behind it) can watch a soak live. Written by hand: the format is a few lines
// of rules, and the harness needs no client library's global registry or its process metrics.

/** The Content-Type Prometheus expects for this format. */
export const exposition = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface ValueSample {
  readonly labels: Labels;
  readonly value: number;
}

export interface HistogramSample {
  readonly labels: Labels;
  /** Upper bounds, ascending, each with the number of observations at or below it (cumulative); `+Inf` is added. */
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly sum: number;
  readonly count: number;
}

export type MetricFamily =
  | {
      readonly kind: 'counter' | 'gauge';
      readonly name: string;
      readonly help: string;
      readonly samples: readonly ValueSample[];
    }
  | {
      readonly kind: 'histogram';
      readonly name: string;
      readonly help: string;
      readonly samples: readonly HistogramSample[];
    };

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value inside double quotes: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** A HELP text: backslash and line feed escaped (a double quote stays as it is). */
export function escapeHelp(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

/** A sample value as Go's parser reads it: `+Inf`, `-Inf`, `NaN`, or the number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function labelsText(labels: Labels, extra?: readonly [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push([extra[0], extra[1]]);
  if (pairs.length === 0) return '';
  for (const [name] of pairs)
    if (!labelName.test(name) || name.startsWith('__')) throw new Error(`not a Prometheus label name: ${name}`);
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/**
 * The cumulative buckets of `values` (any order) under `bounds` (ascending), with their sum: a
 * histogram's sample. An observation equal to a bound counts in that bound's bucket (`le`).
 */
export function histogramOf(values: Iterable<number>, bounds: readonly number[]): Omit<HistogramSample, 'labels'> {
  const perBucket = new Array<number>(bounds.length).fill(0);
  let count = 0;
  let sum = 0;
  for (const value of values) {
    count += 1;
    sum += value;
    const index = bounds.findIndex((bound) => value <= bound);
    if (index >= 0) perBucket[index] = (perBucket[index] ?? 0) + 1;
  }
  let running = 0;
  const buckets = bounds.map((le, index) => {
    running += perBucket[index] ?? 0;
    return { le, count: running };
  });
  return { buckets, sum, count };
}

function histogramLines(name: string, sample: HistogramSample): string[] {
  const lines: string[] = [];
  let previous = 0;
  for (const { le, count } of sample.buckets) {
    // Buckets are cumulative; one that counted less than the bucket before it is a bug upstream.
    if (count < previous) throw new Error(`${name}: bucket le=${le} counts ${count}, fewer than the one before`);
    previous = count;
    lines.push(`${name}_bucket${labelsText(sample.labels, ['le', formatValue(le)])} ${formatValue(count)}`);
  }
  lines.push(`${name}_bucket${labelsText(sample.labels, ['le', '+Inf'])} ${formatValue(sample.count)}`);
  lines.push(`${name}_sum${labelsText(sample.labels)} ${formatValue(sample.sum)}`);
  lines.push(`${name}_count${labelsText(sample.labels)} ${formatValue(sample.count)}`);
  return lines;
}

function familyLines(family: MetricFamily): string[] {
  if (!metricName.test(family.name)) throw new Error(`not a Prometheus metric name: ${family.name}`);
  if (family.kind === 'counter' && !family.name.endsWith('_total'))
    throw new Error(`a counter's name ends with _total: ${family.name}`);
  const head = [`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.kind}`];
  if (family.kind === 'histogram') return [...head, ...family.samples.flatMap((s) => histogramLines(family.name, s))];
  return [...head, ...family.samples.map((s) => `${family.name}${labelsText(s.labels)} ${formatValue(s.value)}`)];
}

/** The families as one exposition, each family once, ending with a line feed. A family without samples is left out. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const family of families) {
    if (seen.has(family.name)) throw new Error(`metric family ${family.name} given twice`);
    seen.add(family.name);
    if (family.samples.length > 0) lines.push(...familyLines(family));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
