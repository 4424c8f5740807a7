// The latency histogram as an SVG string: one bar per round-width bucket, the overflow named.
import type { Histogram } from '../metrics/histogram';
import { escapeXml, frame, plotHeight, plotWidth, px, yAxis, yScale } from './svg-kit';

const msLabel = (ms: number): string => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

export function histogramChart(id: string, title: string, histogram: Histogram): string {
  const { counts, bucketMs, overflow } = histogram;
  const { maxY, ticks } = yScale(Math.max(1, ...counts));
  const slot = plotWidth / Math.max(1, counts.length);
  const bars = counts
    .map((count, index) => {
      if (count === 0) return '';
      const height = (plotHeight * count) / maxY;
      const x = frame.left + index * slot + 1;
      return `M${px(x)} ${px(frame.top + plotHeight)}v${px(-height)}h${px(Math.max(1, slot - 2))}v${px(height)}Z`;
    })
    .join('');
  const labelEvery = Math.max(1, Math.ceil(counts.length / 6));
  const xLabels = counts
    .map((_, index) =>
      index % labelEvery === 0
        ? `<text class="tick" x="${px(frame.left + index * slot)}" y="${frame.height - 10}" text-anchor="middle">${msLabel(index * bucketMs)}</text>`
        : '',
    )
    .join('');
  const note = overflow > 0 ? ` · ${overflow} slower than ${msLabel(counts.length * bucketMs)} not drawn` : '';
  const body = bars
    ? `<path class="bars" d="${bars}"><title>${escapeXml(`${bucketMs} ms buckets`)}</title></path>`
    : `<text class="empty" x="${frame.width / 2}" y="${frame.height / 2}" text-anchor="middle">no deliveries</text>`;
  return (
    `<figure class="chart" id="chart-${escapeXml(id)}"><figcaption>${escapeXml(title)} <span class="note">${escapeXml(`${msLabel(bucketMs)} buckets${note}`)}</span></figcaption>` +
    `<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeXml(title)}">${yAxis(maxY, (value) => String(Math.round(value)), ticks)}${xLabels}${body}</svg></figure>`
  );
}
