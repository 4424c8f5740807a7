// The latency histogram as an SVG string: one bar per round-width bucket (its count on hover), the
// overflow named, and the latency verdicts' bounds and the measured p95 as labelled vertical lines.
import type { Histogram } from '../metrics/histogram';
import { offScaleGuide, verticalGuide, type Guide } from './svg-guides';
import { escapeXml, frame, plotHeight, plotWidth, px, valueAxis, yAxis } from './svg-kit';

const msLabel = (ms: number): string => (ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`);

/** A latency to mark on the histogram's axis: a bound (`p95_latency < 2s`) or a measured figure. */
export interface LatencyGuide extends Guide {
  readonly ms: number;
}

export interface HistogramOptions {
  /** Becomes `chart-<id>` on the figure. */
  readonly id: string;
  readonly title: string;
  readonly histogram: Histogram;
  /** Drawn where they fall on the axis; one past its end is named in the corner. Default none. */
  readonly guides?: readonly LatencyGuide[];
}

function bars(histogram: Histogram, maxY: number, slot: number): string {
  const { counts, bucketMs } = histogram;
  return counts
    .map((count, index) => {
      if (count === 0) return '';
      const height = (plotHeight * count) / maxY;
      const x = frame.left + index * slot + 1;
      const title = `${msLabel(index * bucketMs)} to ${msLabel((index + 1) * bucketMs)}: ${count} SMS`;
      return `<rect class="bar" x="${px(x)}" y="${px(frame.top + plotHeight - height)}" width="${px(Math.max(1, slot - 2))}" height="${px(height)}"><title>${escapeXml(title)}</title></rect>`;
    })
    .join('');
}

function xLabels(histogram: Histogram, slot: number): string {
  const { counts, bucketMs } = histogram;
  const labelEvery = Math.max(1, Math.ceil(counts.length / 6));
  return counts
    .map((_, index) =>
      index % labelEvery === 0
        ? `<text class="tick x" x="${px(frame.left + index * slot)}" y="${frame.height - 10}" text-anchor="middle">${msLabel(index * bucketMs)}</text>`
        : '',
    )
    .join('');
}

/** Each guide at its latency on the axis, or named in the corner when past the last bucket. */
function guideLines(guides: readonly LatencyGuide[], endMs: number): string {
  let row = 0;
  return guides
    .map((guide) =>
      guide.ms <= endMs
        ? verticalGuide(frame.left + (plotWidth * guide.ms) / endMs, guide, row++)
        : offScaleGuide(guide, row++, '(past the axis →)'),
    )
    .join('');
}

export function histogramChart(options: HistogramOptions): string {
  const { id, title, histogram } = options;
  const { counts, bucketMs, overflow } = histogram;
  const countLabel = (value: number): string => String(value);
  const axis = valueAxis(Math.max(1, ...counts), { integer: true, format: countLabel });
  const slot = plotWidth / Math.max(1, counts.length);
  const drawn = bars(histogram, axis.max, slot);
  const note = overflow > 0 ? ` · ${overflow} slower than ${msLabel(counts.length * bucketMs)} not drawn` : '';
  const body = drawn
    ? `<g class="bars">${drawn}</g>${guideLines(options.guides ?? [], Math.max(1, counts.length) * bucketMs)}`
    : `<text class="empty" x="${frame.width / 2}" y="${frame.height / 2}" text-anchor="middle">no deliveries</text>`;
  return (
    `<figure class="chart" id="chart-${escapeXml(id)}"><figcaption>${escapeXml(title)} <span class="note">${escapeXml(`${msLabel(bucketMs)} buckets${note}`)}</span></figcaption>` +
    `<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeXml(title)}">${yAxis(axis, countLabel)}${xLabels(histogram, slot)}${body}</svg></figure>`
  );
}
