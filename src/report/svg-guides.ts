// Labelled guide lines on a chart: a verdict's bound (a horizontal line on a value axis, a vertical one
// on a time or latency axis), a measured figure, and a note for a bound past the chart's scale.
import { escapeXml, frame, plotHeight, px } from './svg-kit';

/** A line to draw at a value the chart's axis already maps to a position. */
export interface Guide {
  /** What it reads, drawn beside the line: `p95_latency < 2s`. */
  readonly label: string;
  /** `bound` for a verdict's bound, `measured` for a figure of the run. */
  readonly kind: 'bound' | 'measured';
  /** The verdict it stands for, when a bound: `data-bound` on the line, for tests and links. */
  readonly verdict?: string;
  /** The verdict's result, so a failed bound reads red. */
  readonly result?: string;
  /** A longer text shown on hover. */
  readonly title?: string;
}

const classOf = (guide: Guide): string => `guide ${guide.kind}${guide.result ? ` ${escapeXml(guide.result)}` : ''}`;

const dataOf = (guide: Guide): string => (guide.verdict ? ` data-bound="${escapeXml(guide.verdict)}"` : '');

const titleOf = (guide: Guide): string => `<title>${escapeXml(guide.title ?? guide.label)}</title>`;

/** Label rows from the plot's top, so two guides near each other do not write over one another. */
const rowY = (row: number): number => frame.top + 11 + row * 13;

/** A vertical line at `x` with its label at the top, on the side with room. */
export function verticalGuide(x: number, guide: Guide, row: number): string {
  const right = frame.width - frame.right;
  const leftward = x > frame.left + (right - frame.left) * 0.6;
  const labelX = leftward ? x - 4 : x + 4;
  return (
    `<g class="${classOf(guide)}"${dataOf(guide)}>${titleOf(guide)}` +
    `<line x1="${px(x)}" x2="${px(x)}" y1="${frame.top}" y2="${frame.top + plotHeight}"/>` +
    `<text x="${px(labelX)}" y="${px(rowY(row))}" text-anchor="${leftward ? 'end' : 'start'}">${escapeXml(guide.label)}</text></g>`
  );
}

/** A horizontal line at `y` with its label above it at the right end. */
export function horizontalGuide(y: number, guide: Guide): string {
  const right = frame.width - frame.right;
  const labelY = y - 4 < frame.top + 10 ? y + 13 : y - 4;
  return (
    `<g class="${classOf(guide)}"${dataOf(guide)}>${titleOf(guide)}` +
    `<line x1="${frame.left}" x2="${right}" y1="${px(y)}" y2="${px(y)}"/>` +
    `<text x="${right - 4}" y="${px(labelY)}" text-anchor="end">${escapeXml(guide.label)}</text></g>`
  );
}

/** A bound past the chart's scale: named in the top right corner with an arrow, no line drawn. */
export function offScaleGuide(guide: Guide, row: number, arrow: string): string {
  return (
    `<g class="${classOf(guide)} off-scale"${dataOf(guide)}>${titleOf(guide)}` +
    `<text x="${frame.width - frame.right - 4}" y="${px(rowY(row))}" text-anchor="end">${escapeXml(`${guide.label} ${arrow}`)}</text></g>`
  );
}
