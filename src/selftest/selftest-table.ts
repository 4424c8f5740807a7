// The selftest's result as a plain table: defect → verdict → caught, then one summary line.
import { formatDuration } from '../units/index';
import type { CaseResult } from './judge-case';
import type { SelftestResult } from './run-selftest';

export interface SelftestTableStyle {
  /** Colour yes/no with ANSI codes; off when NO_COLOR is set or the stream is not a TTY. */
  readonly color: boolean;
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

const actualIn = (result: CaseResult, run: 'planted' | 'control'): string =>
  result[run]?.verdicts.find((verdict) => verdict.name === result.verdict)?.actual ?? '—';

/** Rounds to whole seconds: a selftest's length to the millisecond is noise. */
const roughly = (ms: number): string => formatDuration(Math.round(ms / 1000) * 1000);

export function selftestTable(result: SelftestResult, style: SelftestTableStyle): string {
  const header = ['defect', 'verdict', 'expected', 'with defect', 'clean run', 'caught'];
  const rows = result.cases.map((row) => [
    row.defect,
    row.verdict,
    row.planted.verdicts.find((verdict) => verdict.name === row.verdict)?.expected ?? '—',
    actualIn(row, 'planted'),
    row.control ? actualIn(row, 'control') : 'skipped',
    row.caught ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const body = rows.map((row) => {
    const text = line(row);
    const caught = row[row.length - 1] ?? '';
    return text.slice(0, text.length - caught.length) + paint(style.color, caught === 'yes' ? 32 : 31, caught);
  });
  const notes = result.cases
    .filter((row) => !row.caught)
    .map((row) => `${row.defect} not caught by ${row.verdict}: ${row.detail}`);
  for (const [scenario, control] of Object.entries(result.controls)) {
    if (control.status !== 'passed')
      notes.push(
        `the clean run of ${scenario} ${control.status}${control.failed.length ? ` (${control.failed.join(', ')})` : ''}: see ${control.report}`,
      );
  }
  const caught = result.cases.filter((row) => row.caught).length;
  const summary = `selftest: ${result.passed ? 'PASSED' : 'FAILED'} — ${caught} of ${result.cases.length} planted defects caught, in ${roughly(result.durationMs)}`;
  return [
    line(header),
    ...body,
    ...(notes.length ? ['', ...notes] : []),
    '',
    paint(style.color, result.passed ? 32 : 31, summary),
  ].join('\n');
}
