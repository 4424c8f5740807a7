// A line chart over the run's time, as an SVG string: grid, axes, one path per series, event markers,
// the verdicts' bounds as labelled lines, and a hover text per moment with every series' value.
import { horizontalGuide, offScaleGuide, verticalGuide, type Guide } from './svg-guides';
import { clockLabel, escapeXml, frame, plotHeight, plotWidth, px, valueAxis, xAxis, yAxis } from './svg-kit';

export interface LineSeries {
  readonly name: string;
  /** A CSS colour. */
  readonly color: string;
  /** [ms since the start of the run, value]; a null value breaks the line. */
  readonly points: ReadonlyArray<readonly [number, number | null]>;
}

export interface Marker {
  readonly atMs: number;
  readonly label: string;
  /** A CSS class, so chaos steps and status changes can look different. Default none. */
  readonly kind?: string;
}

/** A value the chart's measure is judged against (`device_rss < 200MB`): a horizontal line. */
export interface LevelGuide extends Guide {
  readonly value: number;
}

/** A moment on the time axis (the drain's deadline): a vertical labelled line. */
export interface MomentGuide extends Guide {
  readonly atMs: number;
}

export interface LineChartOptions {
  /** Becomes `chart-<id>` on the figure, for tests and links. */
  readonly id: string;
  readonly title: string;
  readonly series: readonly LineSeries[];
  /** Right end of the time axis, ms. */
  readonly durationMs: number;
  readonly formatY: (value: number) => string;
  /** Vertical dashed lines with a tooltip (chaos steps, status changes). Default none. */
  readonly markers?: readonly Marker[];
  /** Shaded span, e.g. the load phase. Default none. */
  readonly band?: { readonly fromMs: number; readonly toMs: number; readonly label: string };
  /** Counts: whole-number ticks only. Default false. */
  readonly integer?: boolean;
  /** Horizontal guides; one past four times the data's top is named, not drawn, so the data keeps its height. */
  readonly levels?: readonly LevelGuide[];
  /** Vertical guides; one past the run's end is named, not drawn. */
  readonly moments?: readonly MomentGuide[];
}

/** Hover targets at most: a soak's thousand points would weigh more than the rest of the page. */
const MAX_HOVER_STRIPS = 150;

function pathOf(points: LineSeries['points'], x: (ms: number) => number, y: (value: number) => number): string {
  let d = '';
  let pen = false;
  for (const [atMs, value] of points) {
    if (value === null || !Number.isFinite(value)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(x(atMs))} ${px(y(value))}`;
    pen = true;
  }
  return d;
}

type Scale = (value: number) => number;

/** The y axis: the data's top, raised to a level guide near enough to be drawn with the data readable. */
function yAxisOf(options: LineChartOptions, values: readonly number[]) {
  const dataTop = Math.max(0, ...values);
  const near = (options.levels ?? []).filter((level) => values.length === 0 || level.value <= dataTop * 4);
  const top = Math.max(dataTop, ...near.map((level) => level.value * 1.05));
  return valueAxis(top, { integer: options.integer, format: options.formatY });
}

/** Transparent strips over the plot, one per kept moment, each titled with the time and every value. */
function hoverStrips(options: LineChartOptions, x: Scale): string {
  const times = options.series[0]?.points.map(([atMs]) => atMs) ?? [];
  const every = Math.max(1, Math.ceil(times.length / MAX_HOVER_STRIPS));
  const kept = times.filter((_, index) => index % every === 0);
  const valueAt = options.series.map((series) => new Map(series.points.map(([atMs, value]) => [atMs, value])));
  return kept
    .map((atMs, index) => {
      const from = index === 0 ? frame.left : (x(kept[index - 1] ?? atMs) + x(atMs)) / 2;
      const to = index === kept.length - 1 ? frame.width - frame.right : (x(atMs) + x(kept[index + 1] ?? atMs)) / 2;
      const values = options.series.map((series, at) => {
        const value = valueAt[at]?.get(atMs);
        return `${series.name}: ${value === null || value === undefined ? '—' : options.formatY(value)}`;
      });
      const text = `${clockLabel(atMs)} · ${values.join(' · ')}`;
      return `<rect class="hover" x="${px(from)}" y="${frame.top}" width="${px(Math.max(0.5, to - from))}" height="${plotHeight}"><title>${escapeXml(text)}</title></rect>`;
    })
    .join('');
}

/** The level and moment guides: drawn where they fall on the chart, named in a corner where they do not. */
function guides(options: LineChartOptions, x: Scale, y: Scale, maxY: number, durationMs: number): string {
  // One row per label written along the top, so none writes over another.
  let row = 0;
  const levels = (options.levels ?? []).map((level) =>
    level.value <= maxY ? horizontalGuide(y(level.value), level) : offScaleGuide(level, row++, '(above the scale ↑)'),
  );
  const moments = (options.moments ?? []).map((moment) =>
    moment.atMs <= durationMs
      ? verticalGuide(x(moment.atMs), moment, row++)
      : offScaleGuide(moment, row++, '(after the end →)'),
  );
  return [...levels, ...moments].join('');
}

function legendOf(options: LineChartOptions): string {
  return options.series
    .map(
      (series) =>
        `<span class="key"><i style="background:${escapeXml(series.color)}"></i>${escapeXml(series.name)}</span>`,
    )
    .join('');
}

export function lineChart(options: LineChartOptions): string {
  const values = options.series
    .flatMap((series) => series.points.map(([, value]) => value))
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const axis = yAxisOf(options, values);
  const durationMs = Math.max(1, options.durationMs);
  const x = (ms: number): number => frame.left + (plotWidth * Math.min(Math.max(ms, 0), durationMs)) / durationMs;
  const y = (value: number): number => frame.top + plotHeight - (plotHeight * Math.max(0, value)) / axis.max;
  const band = options.band
    ? `<rect class="band" x="${px(x(options.band.fromMs))}" y="${frame.top}" width="${px(Math.max(0, x(options.band.toMs) - x(options.band.fromMs)))}" height="${plotHeight}"><title>${escapeXml(options.band.label)}</title></rect>`
    : '';
  const markers = (options.markers ?? [])
    .map(
      (marker) =>
        `<line class="marker${marker.kind ? ` ${escapeXml(marker.kind)}` : ''}" x1="${px(x(marker.atMs))}" x2="${px(x(marker.atMs))}" y1="${frame.top}" y2="${frame.top + plotHeight}"><title>${escapeXml(`${clockLabel(marker.atMs)} ${marker.label}`)}</title></line>`,
    )
    .join('');
  const lines = options.series
    .map((series) => {
      const d = pathOf(series.points, x, y);
      return d
        ? `<path class="line" data-series="${escapeXml(series.name)}" d="${d}" stroke="${escapeXml(series.color)}"/>`
        : '';
    })
    .join('');
  const empty =
    values.length === 0
      ? `<text class="empty" x="${frame.width / 2}" y="${frame.height / 2}" text-anchor="middle">no samples</text>`
      : '';
  return (
    `<figure class="chart" id="chart-${escapeXml(options.id)}"><figcaption>${escapeXml(options.title)} <span class="legend">${legendOf(options)}</span></figcaption>` +
    `<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeXml(options.title)}">` +
    `${band}${yAxis(axis, options.formatY)}${xAxis(durationMs)}${hoverStrips(options, x)}${markers}${lines}` +
    `${guides(options, x, y, axis.max, durationMs)}${empty}</svg></figure>`
  );
}
