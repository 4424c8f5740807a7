// One benchmark figure, with its target and, where it is judged against this machine's own limit,
// the ratio to that limit (absolute times on shared machines are noise; ratios measured side by side are not).

export interface Target {
  readonly op: '>=' | '<=' | '<';
  readonly value: number;
}

export interface BenchFigure {
  readonly id: string;
  readonly title: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  /** value / the limit it is compared with, when the target is a ratio. */
  readonly ratio?: number;
  /** What `ratio` is measured against, e.g. "raw insert rate". */
  readonly ratioOf?: string;
  readonly note?: string;
}

/** Whether a figure meets its target (the ratio when there is one); null when it has no target. */
export function meetsTarget(figure: BenchFigure): boolean | null {
  if (!figure.target) return null;
  const actual = figure.ratio ?? figure.value;
  const { op, value } = figure.target;
  return op === '>=' ? actual >= value : op === '<=' ? actual <= value : actual < value;
}

const round = (value: number): string =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);

export function markdownTable(figures: readonly BenchFigure[]): string {
  const rows = figures.map((figure) => {
    const met = meetsTarget(figure);
    const target = figure.target
      ? `${figure.target.op} ${round(figure.target.value)}${figure.ratio === undefined ? ` ${figure.unit}` : ''}`
      : '';
    const ratio = figure.ratio === undefined ? '' : `${figure.ratio.toFixed(2)} of ${figure.ratioOf ?? 'limit'}`;
    return `| ${figure.title} | ${round(figure.value)} ${figure.unit} | ${ratio} | ${target} | ${met === null ? '' : met ? 'yes' : 'NO'} |`;
  });
  return ['| figure | measured | ratio | target | holds |', '|---|---|---|---|---|', ...rows].join('\n');
}
