// report.html: one self-contained page (inline CSS, server-drawn SVG, no script, no network) that a CI
// reader opens instead of reading report.json, or a lead attaches to a ticket.
import { VERSION } from '../version';
import { chartsHtml, eventsOf } from './html-charts';
import { deviceTable, environmentTable, stubTable } from './html-facts';
import { headerHtml } from './html-header';
import { devicesSection } from './html-devices';
import { countTiles, lostTable, timelineTable, verdictRows } from './html-sections';
import { reportCss } from './html-style';
import type { RunReport } from './run-report';
import { escapeXml } from './svg-kit';

/** Which clock the times are on, and which latency figures are the judged ones. */
function clocksNote(report: RunReport): string {
  const speed = report.deviceClock?.speed ?? 1;
  const device =
    speed === 1
      ? " The device's clock is real time."
      : ` The device's clock ran ${speed}x the wall clock: its own times (Device at the end, the device's latency chart) are device time.`;
  const text =
    `Latencies, the load and the drain are on the harness's wall clock.${device} ` +
    "The latency figures here are exact (nearest rank over every delivered SMS, injection to first 2xx) and are the ones the latency verdicts judge; the device's own rolling figures (its chart, Device at the end) are not.";
  return `<p class="sub" id="clocks" data-device-clock="${speed}">${escapeXml(text)}</p>`;
}

/** Why the lost SMS were never delivered, in the device's words, above their table. */
const deviceSaysLine = (report: RunReport): string =>
  report.deviceSays
    ? `<p class="sub" id="device-says">The device says: ${escapeXml(report.deviceSays)} (its word: the count is the server's ledger)</p>`
    : '';

const lostSection = (report: RunReport): string =>
  report.lostSamples.length
    ? `<h2>Lost SMS (first ${report.lostSamples.length})</h2>${deviceSaysLine(report)}` +
      '<p class="sub">Each by the number the load generator wrote at the end of its text (#42), and its index in trace.jsonl.</p>' +
      lostTable(report.lostSamples)
    : '';

export function htmlReport(report: RunReport): string {
  const title = `${report.scenario.name} · ${report.status.toUpperCase()}`;
  const error = report.error ? `<p class="error" id="run-error">${escapeXml(report.error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsgw · ${escapeXml(title)}</title><style>${reportCss}</style></head>
<body><main>
${headerHtml(report)}
${error}
<h2>Verdicts</h2>${verdictRows(report)}
${devicesSection(report)}
<h2>Counts</h2>${countTiles(report)}${clocksNote(report)}
<h2>Over time</h2><p class="sub">Shaded: the load phase. Dashed lines: chaos steps (purple), device status changes (amber), pauses (blue). Red and orange dashed lines: a verdict's bound on the measure it judges (red when it failed); grey: a measured figure. Hover a chart for its values.</p>
<div class="charts">${chartsHtml(report)}</div>
<h2>Faults and chaos timeline</h2>${timelineTable(eventsOf(report))}
${lostSection(report)}
<h2>Device at the end</h2>${deviceTable(report.device)}
<h2>Stub</h2>${stubTable(report.stub)}
<h2>Environment</h2>${environmentTable(report.environment)}
<footer>Page drawn by smsgw ${escapeXml(VERSION)} · report.json, junit.xml and trace.jsonl sit beside this file.</footer>
</main></body></html>
`;
}
