// junit.xml: one test suite per run, one test case per verdict, so CI shows each verdict by name.
// Laid out as Ant's JUnit formatter writes it (the JUnit.xsd CI tools are built against): the suite
// has a hostname and a zone-less timestamp; properties, then the test cases, then system-out.
import os from 'node:os';
import { resultOf, type RunReport } from './run-report';
import type { Verdict } from '../judge/verdicts';
import { verdictTable } from './verdict-table';

// XML 1.0 forbids most control characters even when escaped; they become U+FFFD.
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
const xmlForbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const escapeXml = (text: string): string =>
  text.replace(xmlForbidden, '\ufffd').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface JunitOptions {
  /** The suite's `hostname`; default this machine's (`localhost` when it has none, as the XSD asks). */
  readonly hostname?: string;
}

/**
 * The suite's `timestamp`: the XSD's pattern takes no zone and no fraction of a second, and Ant writes
 * the time in UTC, so the run's UTC start is cut to the second.
 */
export const junitTimestamp = (startedAt: string): string => new Date(startedAt).toISOString().slice(0, 19);

/** What a CI page shows beside the results: which run, from which file and seed, by which smsgw, on which clock. */
function properties(report: RunReport): [name: string, value: string][] {
  const shown: [string, string | undefined][] = [
    ['runId', report.runId],
    ['description', report.scenario.description],
    ['scenarioFile', report.scenario.file],
    ['scenarioSha256', report.scenario.sha256],
    ['seed', report.seed?.toString()],
    // A shard's slice, or how many shards a merged run judged.
    ['shard', report.shard ? `${report.shard.index}/${report.shard.count}` : undefined],
    ['mergedShards', report.merged?.count.toString()],
    // Overrides are free text (`--set description=a, b`): a JSON array keeps each one whole.
    ['overrides', report.overrides?.length ? JSON.stringify(report.overrides) : undefined],
    ['defects', report.defects?.length ? report.defects.join(', ') : undefined],
    ['smsgwVersion', report.smsgwVersion],
    // Test times are the harness's; the device's clock is named when it is known.
    ['clock', 'harness wall clock'],
    ['deviceClock', report.deviceClock === undefined ? undefined : `${report.deviceClock.speed}x`],
  ];
  return shown.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function testCase(suite: string, verdict: Verdict, seconds: string): string {
  const result = resultOf(verdict);
  // A verdict the run could not judge is neither a pass nor a failure: CI shows it skipped, with why,
  // and it took no time. A judged one is judged over the whole run (every SMS from injection to the
  // end of the drain), so the run's length is the time it took; the suite's time stays the run's.
  const head = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(verdict.name)}" time="${result === 'not-judged' ? '0.000' : seconds}">`;
  if (result === 'pass') return `${head}</testcase>`;
  if (result === 'not-judged')
    return `${head}\n      <skipped message="${escapeXml(verdict.detail ?? 'not judged')}"/>\n    </testcase>`;
  const message = `expected ${verdict.expected}, got ${verdict.actual}`;
  return `${head}\n      <failure message="${escapeXml(message)}" type="verdict">${escapeXml(verdict.detail ?? message)}</failure>\n    </testcase>`;
}

/** A run that did not reach its end: one error case with why, lasting as long as the run did. */
function errorCase(report: RunReport, suite: string, seconds: string): string {
  const why =
    report.error ??
    (report.status === 'running' ? 'the run had not finished when this checkpoint was written' : report.status);
  return `    <testcase classname="${escapeXml(suite)}" name="run" time="${seconds}">\n      <error message="${escapeXml(why)}" type="${report.status}"/>\n    </testcase>`;
}

export function junitXml(report: RunReport, options: JunitOptions = {}): string {
  const hostname = options.hostname ?? (os.hostname() || 'localhost');
  const seconds = (report.durationMs / 1000).toFixed(3);
  // A fleet's devices are judged on their own too: each device's verdicts are cases of their own class.
  const deviceVerdicts = (report.devices ?? []).flatMap((device) =>
    device.verdicts.map((verdict) => ({ suite: `smsgw.${report.scenario.name}.device-${device.index}`, verdict })),
  );
  const judged = [...report.verdicts, ...deviceVerdicts.map(({ verdict }) => verdict)];
  const failures = judged.filter((verdict) => resultOf(verdict) === 'fail').length;
  const skipped = judged.filter((verdict) => resultOf(verdict) === 'not-judged').length;
  // A checkpoint that is still `running` when CI reads it means the run died before its end: an error.
  const errors = report.status === 'error' || report.status === 'interrupted' || report.status === 'running' ? 1 : 0;
  const suite = `smsgw.${report.scenario.name}`;
  const cases = [
    ...report.verdicts.map((verdict) => testCase(suite, verdict, seconds)),
    ...deviceVerdicts.map((device) => testCase(device.suite, device.verdict, seconds)),
  ];
  if (errors) cases.push(errorCase(report, suite, seconds));
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds}"`;
  const shown = properties(report).map(
    ([name, value]) => `<property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="smsgw" ${counts}>`,
    `  <testsuite name="${escapeXml(suite)}" ${counts} timestamp="${junitTimestamp(report.startedAt)}" hostname="${escapeXml(hostname)}">`,
    `    <properties>${shown.join('')}</properties>`,
    ...cases,
    // The verdict table the terminal printed, so a CI log page shows the run's summary as a person saw it.
    `    <system-out>${escapeXml(verdictTable(report, { color: false }))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
