// report.html's fleet section: one row per device of a `devices:` run, with its own counts, latency,
// memory peak and verdicts, so the device that lost an SMS is named. Nothing for a run of one device.
import { readableBytes, readableDuration } from './html-format';
import { resultOf, type DeviceReport, type RunReport } from './run-report';
import { escapeXml } from './svg-kit';

/** A device's verdicts in one cell: the failed ones named with their figure, else how many passed. */
function verdictsCell(device: DeviceReport): string {
  const failed = device.verdicts.filter((verdict) => resultOf(verdict) === 'fail');
  const notJudged = device.verdicts.filter((verdict) => resultOf(verdict) === 'not-judged').length;
  if (failed.length > 0)
    return failed
      .map(
        (verdict) =>
          `${escapeXml(verdict.name)} ${escapeXml(verdict.actual)} (expected ${escapeXml(verdict.expected)})`,
      )
      .join('<br>');
  if (notJudged > 0) return `${notJudged} not judged`;
  return `all ${device.verdicts.length} passed`;
}

function deviceRow(device: DeviceReport): string {
  const { counts, latency } = device;
  const result = device.passed
    ? ['pass', 'PASS']
    : device.verdicts.some((v) => resultOf(v) === 'fail')
      ? ['fail', 'FAIL']
      : ['not-judged', 'NOT JUDGED'];
  const cells = [
    `<td class="num">${device.index}</td>`,
    `<td>${escapeXml(device.id)}<div class="detail">${escapeXml(device.label)}</div></td>`,
    `<td class="num">${counts.injected}</td>`,
    `<td class="num">${counts.delivered}</td>`,
    `<td class="num${counts.lost > 0 ? ' bad' : ''}" data-lost="${counts.lost}"><b>${counts.lost}</b></td>`,
    `<td class="num${counts.duplicates > 0 ? ' bad' : ''}"><b>${counts.duplicates}</b></td>`,
    `<td class="num">${counts.refused + counts.unanswered}</td>`,
    `<td class="num">${counts.gaveUp ?? '—'}</td>`,
    `<td class="num">${latency.p95Ms === null ? '—' : readableDuration(latency.p95Ms)}</td>`,
    `<td class="num">${device.peakRssBytes === null ? '—' : readableBytes(device.peakRssBytes)}</td>`,
    `<td>${verdictsCell(device)}</td>`,
    `<td class="result">${result[1]}</td>`,
  ];
  return `<tr class="${result[0]}" data-device="${device.index}">${cells.join('')}</tr>`;
}

/** The fleet's devices, one row each; '' for a run of one device. */
export function devicesSection(report: RunReport): string {
  const devices = report.devices ?? [];
  if (devices.length === 0) return '';
  const head = [
    'device',
    'id',
    'injected',
    'delivered',
    'lost',
    'duplicates',
    'refused or unanswered',
    'gave up',
    'latency p95',
    'peak RSS',
    'verdicts',
    'result',
  ]
    .map((title) => `<th>${title}</th>`)
    .join('');
  return (
    `<h2>Devices</h2><p class="sub">The fleet's ${devices.length} devices, each judged on the SMS the load sent it (each device has senders of its own) by the scenario's bounds; the verdicts above are the whole fleet's. Peak RSS is each device's own processes' kernel peak.</p>` +
    `<table id="devices"><thead><tr>${head}</tr></thead><tbody>${devices.map(deviceRow).join('')}</tbody></table>`
  );
}
