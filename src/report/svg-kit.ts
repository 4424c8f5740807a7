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
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** A round y scale for values up to `maxValue`: about four steps of 1, 2, 2.5 or 5 × 10^k. */
export function yScale(maxValue: number, wantedTicks = 4): { readonly maxY: number; readonly ticks: number } {
  const step = roundCeiling(maxValue / wantedTicks);
  const ticks = Math.max(1, Math.ceil(maxValue / step));
  return { maxY: step * ticks, ticks };
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

/** Horizontal grid lines with labels on the left, from 0 to `maxY`. */
export function yAxis(maxY: number, format: (value: number) => string, ticks = 4): string {
  const lines: string[] = [];
  for (let index = 0; index <= ticks; index += 1) {
    const value = (maxY * index) / ticks;
    const y = frame.top + plotHeight - (plotHeight * index) / ticks;
    lines.push(`<line class="grid" x1="${frame.left}" x2="${frame.width - frame.right}" y1="${px(y)}" y2="${px(y)}"/>`);
    lines.push(
      `<text class="tick" x="${frame.left - 6}" y="${px(y + 4)}" text-anchor="end">${escapeXml(format(value))}</text>`,
    );
  }
  return lines.join('');
}

/** Time labels along the bottom at round steps, for an axis from 0 to `maxX` ms. */
export function xAxis(maxX: number): string {
  return timeTicks(maxX)
    .map(
      (atMs) =>
        `<text class="tick" x="${px(frame.left + (plotWidth * atMs) / maxX)}" y="${frame.height - 10}" text-anchor="middle">${clockLabel(atMs)}</text>`,
    )
    .join('');
}
