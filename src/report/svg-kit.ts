// Small helpers shared by the server-side SVG charts of report.html.

/** Escapes text for HTML and SVG, attributes included. */
export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above `value`, so axis ticks are round. */
export function roundCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value * (1 - 1e-12)) return step * magnitude;
  return 10 * magnitude;
}

/** The next round step above `step`: 1 → 2 → 2.5 → 5 → 10. */
const nextRound = (step: number): number => roundCeiling(step * 1.01);

/** A value axis from 0: its top and the values its labels stand at. */
export interface ValueAxis {
  readonly max: number;
  readonly ticks: readonly number[];
}

export interface ValueAxisOptions {
  /** About how many steps from 0 to the top. Default 4. */
  readonly wanted?: number;
  /** Counts: only whole steps, so a queue of at most 1 reads `0 1`, never `0 0.25 0.5`. */
  readonly integer?: boolean;
  /** How the labels read: a step whose labels would repeat once formatted is too fine, and the next is tried. */
  readonly format?: (value: number) => string;
}

/**
 * A round axis for values up to `maxValue`: about four steps of 1, 2, 2.5 or 5 × 10^k, each label
 * distinct as the reader sees it, the top a little above the data.
 */
export function valueAxis(maxValue: number, options: ValueAxisOptions = {}): ValueAxis {
  const { wanted = 4, integer = false, format } = options;
  // Nothing above 0 (an empty queue all run): 0 and 1, no finer steps to say nothing with.
  if (!(Number.isFinite(maxValue) && maxValue > 0)) return { max: 1, ticks: [0, 1] };
  const top = maxValue;
  let step = roundCeiling(top / wanted);
  for (;;) {
    if (integer && !Number.isInteger(step)) {
      step = nextRound(step);
      continue;
    }
    const count = Math.max(1, Math.ceil(top / step - 1e-9));
    // toPrecision drops the float noise of 3 × 0.1, so labels and positions read 0.3.
    const ticks = Array.from({ length: count + 1 }, (_, index) => Number((index * step).toPrecision(12)));
    const labels = format ? new Set(ticks.map(format)).size : ticks.length;
    if (labels === ticks.length || step >= top * 1e6) return { max: ticks.at(-1) ?? top, ticks };
    step = nextRound(step);
  }
}

// Round time steps for the x axis, seconds: a reader counts in 5 s, 1 min, 15 min, 1 h.
const TIME_STEPS_S = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
] as const;

/** Where the time labels go: round steps from 0, about five of them, none past `maxMs`. */
export function timeTicks(maxMs: number, wanted = 5): number[] {
  const stepS: number = TIME_STEPS_S.find((step) => step * 1000 * wanted >= maxMs) ?? 86_400;
  const ticks: number[] = [];
  for (let atMs = 0; atMs <= maxMs; atMs += stepS * 1000) ticks.push(atMs);
  return ticks;
}

/** `0:07`, `12:30`, `2:03:04` from ms. */
export function clockLabel(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Plot area of every chart, in SVG user units. */
export const frame = { width: 560, height: 200, left: 56, right: 14, top: 14, bottom: 30 } as const;

export const plotWidth = frame.width - frame.left - frame.right;
export const plotHeight = frame.height - frame.top - frame.bottom;

/** Rounds to one decimal, enough for a 560-unit-wide chart and half the bytes. */
export const px = (value: number): string => String(Math.round(value * 10) / 10);

/** Horizontal grid lines with labels on the left, one per tick of `axis`. */
export function yAxis(axis: ValueAxis, format: (value: number) => string): string {
  const lines: string[] = [];
  for (const value of axis.ticks) {
    const y = frame.top + plotHeight - (plotHeight * value) / axis.max;
    lines.push(`<line class="grid" x1="${frame.left}" x2="${frame.width - frame.right}" y1="${px(y)}" y2="${px(y)}"/>`);
    lines.push(
      `<text class="tick y" x="${frame.left - 6}" y="${px(y + 4)}" text-anchor="end">${escapeXml(format(value))}</text>`,
    );
  }
  return lines.join('');
}

/** Time labels along the bottom at round steps, for an axis from 0 to `maxX` ms. */
export function xAxis(maxX: number): string {
  return timeTicks(maxX)
    .map(
      (atMs) =>
        `<text class="tick x" x="${px(frame.left + (plotWidth * atMs) / maxX)}" y="${frame.height - 10}" text-anchor="middle">${clockLabel(atMs)}</text>`,
    )
    .join('');
}
