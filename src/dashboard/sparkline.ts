// Unicode block sparklines: one cell per value, the newest on the right.
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const MIN_RELATIVE_SPAN = 0.1;
/** `a` stands for the lowest block, `h` for the highest: see `sparklineLevels`. */
const FIRST_LEVEL = 'a'.charCodeAt(0);

export interface SparklineOptions {
  /**
   * `zero` scales from 0 (rates, queue depth: a steady rate is drawn high); `min` from the lowest
   * value shown (memory, latency: growth is what matters). Default `zero`.
   */
  readonly floor?: 'zero' | 'min';
}

/**
 * The sparkline as ASCII levels, `a` (lowest block) to `h` (highest), a space for an unknown value;
 * `blocksOf` turns them into blocks. Ink measures a string of plain ASCII in one step but a string
 * of blocks grapheme by grapheme, on every frame (src/bench/dashboard-cpu.ts), so the dashboard hands it levels.
 */
export function sparklineLevels(
  values: ReadonlyArray<number | null>,
  width: number,
  options: SparklineOptions = {},
): string {
  const shown = values.slice(-Math.max(0, width));
  const known = shown.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return ' '.repeat(shown.length);
  const high = Math.max(...known);
  // Scaled from the lowest value, but over at least a tenth of the highest: 138 MB after 139.6 MB is
  // a wobble, not a fall to the bottom.
  const low =
    options.floor === 'min' ? Math.min(...known, high - Math.abs(high) * MIN_RELATIVE_SPAN) : Math.min(0, ...known);
  const span = high - low;
  let levels = '';
  for (const value of shown) {
    if (value === null || !Number.isFinite(value)) levels += ' ';
    else
      levels += String.fromCharCode(
        FIRST_LEVEL + (span === 0 ? 0 : Math.round(((value - low) / span) * (BLOCKS.length - 1))),
      );
  }
  return levels;
}

/** Blocks for the levels `a`–`h` in `text`; everything else, ANSI colour codes included, is kept. */
export const blocksOf = (text: string): string =>
  text.replace(/[a-h]/g, (level) => BLOCKS[level.charCodeAt(0) - FIRST_LEVEL]!);

/**
 * Draws the newest `width` values, scaled to the highest. An unknown value is a blank cell; a flat
 * line is drawn at the lowest block when it is zero (or `floor: 'min'`), else at the highest.
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number, options: SparklineOptions = {}): string {
  return blocksOf(sparklineLevels(values, width, options));
}
