// The tables of report.html: verdicts, counts, timeline, lost SMS. Every value escaped.
import type { TimelineEntry } from '../metrics/metrics-snapshot';
import { resultOf, type RunReport } from './run-report';
import { readableDuration } from './html-format';
import { clockLabel, escapeXml } from './svg-kit';

const shown = { pass: ['pass', 'PASS'], fail: ['fail', 'FAIL'], 'not-judged': ['not-judged', 'NOT JUDGED'] } as const;

export function verdictRows(report: RunReport): string {
  const rows = report.verdicts
    .map((verdict) => {
      const detail = verdict.detail ? `<div class="detail">${escapeXml(verdict.detail)}</div>` : '';
      const [rowClass, label] = shown[resultOf(verdict)];
      return (
        `<tr class="${rowClass}" data-verdict="${escapeXml(verdict.name)}"><td>${escapeXml(verdict.name)}${detail}</td>` +
        `<td>${escapeXml(verdict.expected)}</td><td>${escapeXml(verdict.actual)}</td><td class="result">${label}</td></tr>`
      );
    })
    .join('');
  return `<table id="verdicts"><thead><tr><th>verdict</th><th>expected</th><th>actual</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function countTiles(report: RunReport): string {
  const { counts, latency } = report;
  const ms = (value: number | null): string => (value === null ? '—' : readableDuration(value));
  const tiles: Array<[string, string, boolean]> = [
    ['planned', String(counts.planned), false],
    ['injected', String(counts.injected), false],
    ['delivered', String(counts.delivered), false],
    ['lost', String(counts.lost), counts.lost > 0],
    [
      'gave up',
      counts.gaveUp === undefined || counts.gaveUp === null ? '—' : String(counts.gaveUp),
      (counts.gaveUp ?? 0) > 0,
    ],
    ['duplicates', String(counts.duplicates), counts.duplicates > 0],
    ['redeliveries', String(counts.redeliveries), false],
    ['refused', String(counts.refused), counts.refused > 0],
    [
      `unanswered (${counts.unansweredDelivered ?? 0} delivered)`,
      String(counts.unanswered ?? 0),
      (counts.unanswered ?? 0) > 0,
    ],
    [`in doubt (${counts.inDoubtDelivered} delivered)`, String(counts.inDoubt), false],
    ['repeats', String(counts.repeats ?? 0), false],
    ['latency p50', ms(latency.p50Ms), false],
    ['latency p95', ms(latency.p95Ms), false],
    ['latency p99', ms(latency.p99Ms), false],
    ['latency max', ms(latency.maxMs), false],
  ];
  return `<div class="tiles" id="counts">${tiles.map(([label, value, bad]) => `<div class="tile${bad ? ' bad' : ''}" data-count="${escapeXml(label)}"><b>${escapeXml(value)}</b><span>${escapeXml(label)}</span></div>`).join('')}</div>`;
}

export function timelineTable(events: readonly TimelineEntry[]): string {
  if (events.length === 0)
    return '<p class="sub" id="timeline">Nothing happened: no chaos step, no fault, no status change.</p>';
  const rows = events
    .map(
      (event) =>
        `<tr data-kind="${event.kind}"><td class="num">${clockLabel(event.atMs)}</td><td><span class="kind ${event.kind}">${event.kind}</span></td><td>${escapeXml(event.text)}</td></tr>`,
    )
    .join('');
  return `<table id="timeline"><thead><tr><th>at</th><th>kind</th><th>what</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The number the load generator wrote into the SMS's text (`… #42`, `GPS T42 …`), so a reader can
 * find it on the phone or the server; null for a text without one (empty, or hashed by `--redact`).
 */
export function textNumber(text: string): number | null {
  const hash = /#(\d+)(?!.*#\d)/s.exec(text);
  const gps = /^GPS T(\d+)\b/.exec(text);
  const digits = hash?.[1] ?? gps?.[1];
  return digits === undefined ? null : Number(digits);
}

/** The SMS that never reached the server, each by the number in its text, and its line in trace.jsonl. */
export function lostTable(samples: RunReport['lostSamples']): string {
  const rows = samples
    .map((sample) => {
      const number = textNumber(sample.text);
      const label = number === null ? '—' : `#${number}`;
      return (
        `<tr><td class="num" data-text-number="${number ?? ''}">${label}</td><td class="num muted" title="its line in trace.jsonl has index ${sample.index}">${sample.index}</td>` +
        `<td>${escapeXml(sample.sender)}</td><td class="text">${escapeXml(sample.text)}</td><td>${sample.unanswered ? 'none (unanswered)' : 'OK'}</td></tr>`
      );
    })
    .join('');
  return `<table id="lost"><thead><tr><th title="the number in the SMS's text">SMS</th><th title="index in trace.jsonl">trace index</th><th>sender</th><th>text</th><th>device's answer</th></tr></thead><tbody>${rows}</tbody></table>`;
}
