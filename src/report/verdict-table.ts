// The verdict table printed at the end of a run, plain text so it reads the same in CI logs.
import { resultOf, type RunReport } from './run-report';
import { deviceLine } from './summarize-devices';

const shownResult = { pass: 'PASS', fail: 'FAIL', 'not-judged': 'NOT JUDGED' } as const;
const resultColor = { PASS: 32, FAIL: 31, 'NOT JUDGED': 33 } as const;

export interface TableStyle {
  /** Colour PASS/FAIL with ANSI codes; off when NO_COLOR is set or stdout is not a TTY. */
  readonly color: boolean;
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

const seconds = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** The harness's times, and which clock they are on; the device's clock when it ran fast. */
function clocksLine({ latency, phases, deviceClock }: Partial<RunReport>): string {
  const speed = deviceClock?.speed ?? 1;
  return (
    `latency p50 ${seconds(latency?.p50Ms)}, p95 ${seconds(latency?.p95Ms)}, drain ${seconds(phases?.drainMs)} (harness wall clock)` +
    (speed === 1 ? '' : `; the device's clock ran ${speed}x`)
  );
}

export function verdictTable(report: RunReport, style: TableStyle): string {
  const header = ['verdict', 'expected', 'actual', 'result'];
  const rows = report.verdicts.map((verdict) => [
    verdict.name,
    verdict.expected,
    verdict.actual,
    shownResult[resultOf(verdict)],
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const body = rows.map((row) => {
    const text = line(row);
    const result = (row[3] ?? 'FAIL') as keyof typeof resultColor;
    return text.slice(0, text.length - result.length) + paint(style.color, resultColor[result], result);
  });
  const { counts } = report;
  const summary =
    `${report.scenario.name}: ${report.status.toUpperCase()} — injected ${counts.injected}, delivered ${counts.delivered}, ` +
    `lost ${counts.lost}, duplicates ${counts.duplicates}, redeliveries ${counts.redeliveries}` +
    (counts.refused ? `, refused ${counts.refused}` : '') +
    (counts.unanswered ? `, unanswered ${counts.unanswered}` : '') +
    (counts.gaveUp ? `, gave up ${counts.gaveUp}` : '');
  return [
    line(header),
    ...body,
    '',
    paint(style.color, report.status === 'passed' ? 32 : 31, summary),
    // A run a verdict stopped mid-run (`abort_on_fail`) says which one and when, right under its result.
    ...(report.aborted && report.error ? [report.error] : []),
    // Why the lost SMS were never delivered, as far as the device knows: never lost without a word.
    ...(report.deviceSays ? [`undelivered: the device says ${report.deviceSays}`] : []),
    // A fleet: each device's own result, so the device that lost an SMS is named.
    ...(report.devices ?? []).map(deviceLine),
    clocksLine(report),
  ].join('\n');
}
