// Unicode block sparklines: one cell per value, the newest on the right.
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const MIN_RELATIVE_SPAN = 0.1;

export interface SparklineOptions {
  /**
   * `zero` scales from 0 (rates, queue depth: a steady rate is drawn high); `min` from the lowest
   * value shown (memory, latency: growth is what matters). Default `zero`.
   */
  readonly floor?: 'zero' | 'min';
}

/**
 * Draws the newest `width` values, scaled to the highest. An unknown value is a blank cell; a flat
 * line is drawn at the lowest block when it is zero (or `floor: 'min'`), else at the highest.
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number, options: SparklineOptions = {}): string {
  const shown = values.slice(-Math.max(0, width));
  const known = shown.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return ' '.repeat(shown.length);
  const high = Math.max(...known);
  // Scaled from the lowest value, but over at least a tenth of the highest: 138 MB after 139.6 MB is
  // a wobble, not a fall to the bottom.
  const low = options.floor === 'min' ? Math.min(...known, high - Math.abs(high) * MIN_RELATIVE_SPAN) : Math.min(0, ...known);
  const span = high - low;
  return shown
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return ' ';
      const level = span === 0 ? 0 : Math.round(((value - low) / span) * (BLOCKS.length - 1));
      return BLOCKS[level];
    })
    .join('');
}
