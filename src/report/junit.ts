// junit.xml: one test suite per run, one test case per verdict, so CI shows each verdict by name.
import { resultOf, type RunReport } from './run-report';

// XML 1.0 forbids most control characters even when escaped; they become U+FFFD.
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
const xmlForbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const escapeXml = (text: string): string =>
  text.replace(xmlForbidden, '\ufffd').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Which clock the times are on: test times are the harness's; the device's clock is named when it is known. */
function clockProperties(report: RunReport): string {
  const harness = '<property name="clock" value="harness wall clock"/>';
  return report.deviceClock === undefined
    ? harness
    : `${harness}<property name="deviceClock" value="${report.deviceClock.speed}x"/>`;
}

export function junitXml(report: RunReport): string {
  const seconds = (report.durationMs / 1000).toFixed(3);
  const failures = report.verdicts.filter((verdict) => resultOf(verdict) === 'fail').length;
  const skipped = report.verdicts.filter((verdict) => resultOf(verdict) === 'not-judged').length;
  // A checkpoint that is still `running` when CI reads it means the run died before its end: an error.
  const errors = report.status === 'error' || report.status === 'interrupted' || report.status === 'running' ? 1 : 0;
  const suite = `smsgw.${report.scenario.name}`;
  const cases = report.verdicts.map((verdict) => {
    const head = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(verdict.name)}" time="0">`;
    const result = resultOf(verdict);
    if (result === 'pass') return `${head}</testcase>`;
    // A verdict the run could not judge is neither a pass nor a failure: CI shows it skipped, with why.
    if (result === 'not-judged')
      return `${head}\n      <skipped message="${escapeXml(verdict.detail ?? 'not judged')}"/>\n    </testcase>`;
    const message = `expected ${verdict.expected}, got ${verdict.actual}`;
    return `${head}\n      <failure message="${escapeXml(message)}" type="verdict">${escapeXml(verdict.detail ?? message)}</failure>\n    </testcase>`;
  });
  if (errors) {
    const why =
      report.error ??
      (report.status === 'running' ? 'the run had not finished when this checkpoint was written' : report.status);
    cases.push(
      `    <testcase classname="${escapeXml(suite)}" name="run" time="${seconds}">\n      <error message="${escapeXml(why)}" type="${report.status}"/>\n    </testcase>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="smsgw" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds}" timestamp="${report.startedAt}">`,
    `    <properties><property name="runId" value="${escapeXml(report.runId)}"/><property name="description" value="${escapeXml(report.scenario.description)}"/>${clockProperties(report)}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
