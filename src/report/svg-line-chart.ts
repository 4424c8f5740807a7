// A line chart over the run's time, as an SVG string: grid, axes, one path per series, event markers.
import { escapeXml, frame, plotHeight, plotWidth, px, xAxis, yAxis, yScale } from './svg-kit';

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
}

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

export function lineChart(options: LineChartOptions): string {
  const values = options.series
    .flatMap((series) => series.points.map(([, value]) => value))
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const { maxY, ticks } = yScale(Math.max(0, ...values));
  const durationMs = Math.max(1, options.durationMs);
  const x = (ms: number): number => frame.left + (plotWidth * Math.min(Math.max(ms, 0), durationMs)) / durationMs;
  const y = (value: number): number => frame.top + plotHeight - (plotHeight * Math.max(0, value)) / maxY;
  const band = options.band
    ? `<rect class="band" x="${px(x(options.band.fromMs))}" y="${frame.top}" width="${px(Math.max(0, x(options.band.toMs) - x(options.band.fromMs)))}" height="${plotHeight}"><title>${escapeXml(options.band.label)}</title></rect>`
    : '';
  const markers = (options.markers ?? [])
    .map(
      (marker) =>
        `<line class="marker${marker.kind ? ` ${escapeXml(marker.kind)}` : ''}" x1="${px(x(marker.atMs))}" x2="${px(x(marker.atMs))}" y1="${frame.top}" y2="${frame.top + plotHeight}"><title>${escapeXml(marker.label)}</title></line>`,
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
  const legend = options.series
    .map(
      (series) =>
        `<span class="key"><i style="background:${escapeXml(series.color)}"></i>${escapeXml(series.name)}</span>`,
    )
    .join('');
  return (
    `<figure class="chart" id="chart-${escapeXml(options.id)}"><figcaption>${escapeXml(options.title)} <span class="legend">${legend}</span></figcaption>` +
    `<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeXml(options.title)}">` +
    `${band}${yAxis(maxY, options.formatY, ticks)}${xAxis(durationMs)}${markers}${lines}${empty}</svg></figure>`
  );
}
