// The head of report.html: what ran (scenario, its file and hash, seed, overrides, planted defects,
// smsgw version), when, and how it ended, so a reader can tell one run from another and rerun it.
import { clockLabel, escapeXml } from './svg-kit';
import { localDateTime, readableDuration } from './html-format';
import type { RunReport } from './run-report';

/** One field of the header: `field` names it for tests, `html` is already escaped. */
type Field = readonly [field: string, label: string, html: string];

const code = (text: string): string => `<code>${escapeXml(text)}</code>`;

/** The file, and its hash short with the whole of it on hover. */
function scenarioFile(report: RunReport): string {
  const { file, sha256 } = report.scenario;
  const hash = sha256
    ? ` <span class="hash" title="sha256 ${escapeXml(sha256)}" data-sha256="${escapeXml(sha256)}">sha256 ${escapeXml(sha256.slice(0, 12))}…</span>`
    : '';
  return `${code(file)}${hash}`;
}

/**
 * Defects and overrides are absent from a report when there were none; in a report older than those
 * fields (no `smsgwVersion` either) their absence says nothing, so they are left out.
 */
function plantedDefects(report: RunReport): Field[] {
  if (report.defects?.length)
    return [
      [
        'defects',
        'Planted defects',
        `<span class="planted">${report.defects.map(code).join(' ')}</span> <span class="why">planted on purpose: this run is meant to fail</span>`,
      ],
    ];
  return report.smsgwVersion ? [['defects', 'Planted defects', 'none']] : [];
}

function overrides(report: RunReport): Field[] {
  if (report.overrides?.length)
    return [['overrides', 'Overrides (--set)', report.overrides.map((override) => code(override)).join(' ')]];
  return report.smsgwVersion ? [['overrides', 'Overrides (--set)', 'none']] : [];
}

/** Why the run stopped before its load was done, when a verdict stopped it (`abort_on_fail`). */
function aborted(report: RunReport): Field[] {
  const stop = report.aborted;
  if (!stop) return [];
  const text = `${stop.verdict} failed at ${clockLabel(stop.atMs)}, after ${readableDuration(stop.loadMs)} of ${readableDuration(stop.plannedLoadMs)} of load (abort_on_fail)`;
  return [['aborted', 'Stopped early', escapeXml(text)]];
}

function fields(report: RunReport): Field[] {
  return [
    ['scenario-file', 'Scenario file', scenarioFile(report)],
    ...(report.seed === undefined ? [] : [['seed', 'Seed', code(String(report.seed))] as const]),
    ...(report.smsgwVersion ? [['version', 'smsgw version', escapeXml(report.smsgwVersion)] as const] : []),
    [
      'started',
      'Started',
      `<time datetime="${escapeXml(report.startedAt)}">${escapeXml(localDateTime(report.startedAt))}</time>`,
    ],
    [
      'finished',
      'Finished',
      `<time datetime="${escapeXml(report.finishedAt)}">${escapeXml(localDateTime(report.finishedAt))}</time>`,
    ],
    ['duration', 'Duration', escapeXml(readableDuration(report.durationMs))],
    ['run-id', 'Run id', code(report.runId)],
    ...aborted(report),
    ...plantedDefects(report),
    ...overrides(report),
  ];
}

export function headerHtml(report: RunReport): string {
  const rows = fields(report)
    .map(([field, label, html]) => `<div data-field="${field}"><dt>${escapeXml(label)}</dt><dd>${html}</dd></div>`)
    .join('');
  return (
    `<header id="run-header"><h1>${escapeXml(report.scenario.name)}<span class="badge ${escapeXml(report.status)}" id="status">${escapeXml(report.status.toUpperCase())}</span></h1>` +
    `<p class="sub" id="description">${escapeXml(report.scenario.description)}</p>` +
    `<dl class="meta" id="run-meta">${rows}</dl></header>`
  );
}
