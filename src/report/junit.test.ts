import os from 'node:os';
import { parse, type TestSuite, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { junitXml } from './junit';
import type { RunReport } from './run-report';
import type { Verdict } from '../judge/verdicts';
import { verdictTable } from './verdict-table';

const report = (overrides: Partial<RunReport> = {}): RunReport => ({
  schemaVersion: 1,
  runId: 'r1',
  status: 'failed',
  scenario: { name: 'burst-100', description: '100 SMS <fast> & "loud"', file: 'scenarios/burst-100.yaml' },
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:00:12.000Z',
  durationMs: 12_000,
  phases: { loadMs: 10_000, drainMs: 500 },
  counts: {
    planned: 100,
    injected: 100,
    refused: 0,
    inDoubt: 0,
    inDoubtDelivered: 0,
    delivered: 99,
    lost: 1,
    duplicates: 0,
    redeliveries: 0,
  },
  latency: { p50Ms: 10, p95Ms: 20, p99Ms: 30, maxMs: 40 },
  timeline: [],
  verdicts: [
    {
      name: 'lost',
      expected: '0',
      actual: '1',
      value: 1,
      result: 'fail',
      passed: false,
      detail: '1 of 100 acknowledged SMS never reached the server',
    },
    { name: 'duplicates', expected: '0', actual: '0', value: 0, result: 'pass', passed: true },
  ],
  lostSamples: [],
  stub: {},
  device: {},
  environment: {},
  ...overrides,
});

describe('junitXml', () => {
  it('writes one test case per verdict and a failure for each failed one', () => {
    const xml = junitXml(report());
    expect(xml).toContain('tests="2" failures="1" errors="0"');
    expect(xml).toContain('<testcase classname="smsgw.burst-100" name="duplicates" time="12.000"></testcase>');
    expect(xml).toMatch(/name="lost"[^]*<failure message="expected 0, got 1" type="verdict">1 of 100 acknowledged/);
  });

  it('escapes markup and control characters so the XML stays well formed', () => {
    const xml = junitXml(report({ scenario: { name: 'x', description: 'a <b> & "c"\u0001', file: 'f' } }));
    expect(xml).toContain('a &#60;b&#62; &#38; &#34;c&#34;\ufffd');
    expect(xml).not.toContain('\u0001');
  });

  it('adds an error case when the run was interrupted', () => {
    const xml = junitXml(report({ status: 'interrupted', error: 'interrupted' }));
    expect(xml).toContain('errors="1"');
    expect(xml).toContain('<error message="interrupted" type="interrupted"/>');
  });

  it('turns a checkpoint left by a run that never finished into an error case', () => {
    const xml = junitXml(report({ status: 'running' }));
    expect(xml).toContain('errors="1"');
    expect(xml).toContain(
      '<error message="the run had not finished when this checkpoint was written" type="running"/>',
    );
  });

  it('writes a verdict the run could not judge as skipped, with why, never as passed', () => {
    const xml = junitXml(
      report({
        status: 'error',
        error: 'the device did not start',
        verdicts: [
          {
            name: 'lost',
            expected: '0',
            actual: '0',
            value: 0,
            result: 'not-judged',
            passed: false,
            detail: 'not judged: the run stopped on an error before it could be',
          },
        ],
      }),
    );
    expect(xml).toContain('tests="2" failures="0" errors="1" skipped="1"');
    expect(xml).toContain(
      '<testcase classname="smsgw.burst-100" name="lost" time="0.000">\n      <skipped message="not judged: the run stopped on an error before it could be"/>\n    </testcase>',
    );
  });

  it('fails the gave_up case with what the app gave up on, and names the device clock the run used', () => {
    const xml = junitXml(
      report({
        verdicts: [
          {
            name: 'gave_up',
            expected: '0',
            actual: '3',
            value: 3,
            result: 'fail',
            passed: false,
            detail:
              "3 SMS dead-lettered by the app once its retry budget ran out (the device's count); each is also in lost (3)",
          },
        ],
        deviceClock: { speed: 100, note: '' },
      }),
    );
    expect(xml).toMatch(/name="gave_up"[^]*<failure message="expected 0, got 3" type="verdict">3 SMS dead-lettered/);
    expect(xml).toContain(
      '<property name="clock" value="harness wall clock"/><property name="deviceClock" value="100x"/>',
    );
  });
});

const pass = (name: string): Verdict => ({ name, expected: '0', actual: '0', value: 0, result: 'pass', passed: true });
const notJudged = (name: string, why: string): Verdict => ({
  name,
  expected: '0',
  actual: 'not measured',
  value: null,
  result: 'not-judged',
  passed: false,
  detail: why,
});

/** The one suite of a junit.xml, as junit2json (a JUnit reader CI dashboards are built on) reads it. */
async function readAsCi(xml: string): Promise<{ root: TestSuites; suite: TestSuite }> {
  const root = (await parse(xml)) as TestSuites;
  expect(root.testsuite).toHaveLength(1);
  return { root, suite: root.testsuite![0]! };
}

const propertiesOf = (suite: TestSuite): Record<string, unknown> =>
  Object.fromEntries((suite.properties ?? []).map((property) => [property.name, property.value]));

const casesOf = (suite: TestSuite) =>
  (suite.testcase ?? []).map((testCase) => ({
    name: testCase.name,
    time: testCase.time,
    outcome: testCase.failure ? 'failure' : testCase.error ? 'error' : testCase.skipped ? 'skipped' : 'passed',
  }));

describe('junit.xml as a CI reader reads it', () => {
  const metadata = {
    smsgwVersion: '9.8.7',
    seed: 42,
    scenario: {
      name: 'burst-100',
      description: 'd',
      file: 'scenarios/burst-100.yaml',
      sha256: 'ab'.repeat(32),
    },
  } satisfies Partial<RunReport>;

  it('reads a passed run: counts, names, the run time per verdict, the metadata and the summary', async () => {
    const passed = report({ ...metadata, status: 'passed', verdicts: [pass('lost'), pass('duplicates')] });
    const { root, suite } = await readAsCi(junitXml(passed, { hostname: 'ci-runner-7' }));
    expect(root).toMatchObject({ tests: 2, failures: 0, errors: 0, time: 12 });
    expect(suite).toMatchObject({
      name: 'smsgw.burst-100',
      tests: 2,
      failures: 0,
      errors: 0,
      skipped: 0,
      time: 12,
      hostname: 'ci-runner-7',
      timestamp: '2026-11-29T10:00:00',
    });
    expect(casesOf(suite)).toEqual([
      { name: 'lost', time: 12, outcome: 'passed' },
      { name: 'duplicates', time: 12, outcome: 'passed' },
    ]);
    expect(propertiesOf(suite)).toEqual({
      runId: 'r1',
      description: 'd',
      scenarioFile: 'scenarios/burst-100.yaml',
      scenarioSha256: 'ab'.repeat(32),
      seed: 42,
      smsgwVersion: '9.8.7',
      clock: 'harness wall clock',
    });
    expect(suite['system-out']).toEqual([verdictTable(passed, { color: false })]);
    expect(suite['system-out']![0]).toContain('burst-100: PASSED — injected 100, delivered 99, lost 1');
  });

  it('reads a failed run: the failed verdict with its message, the planted defects and the overrides', async () => {
    const failed = report({ ...metadata, defects: ['drop:1%', 'latency:500ms'], overrides: ['seed=3', 'a=b, c'] });
    const { root, suite } = await readAsCi(junitXml(failed));
    expect(root).toMatchObject({ tests: 2, failures: 1, errors: 0 });
    expect(suite).toMatchObject({ tests: 2, failures: 1, errors: 0, skipped: 0, hostname: os.hostname() });
    expect(casesOf(suite)).toEqual([
      { name: 'lost', time: 12, outcome: 'failure' },
      { name: 'duplicates', time: 12, outcome: 'passed' },
    ]);
    expect(suite.testcase![0]!.failure).toEqual([
      { message: 'expected 0, got 1', type: 'verdict', inner: '1 of 100 acknowledged SMS never reached the server' },
    ]);
    expect(propertiesOf(suite)).toMatchObject({ defects: 'drop:1%, latency:500ms', overrides: '["seed=3","a=b, c"]' });
    expect(JSON.parse(propertiesOf(suite).overrides as string)).toEqual(['seed=3', 'a=b, c']);
    expect(suite['system-out']![0]).toMatch(/^lost +0 +1 +FAIL$/m);
  });

  it('reads a run with a verdict it could not judge: skipped, no time, never passed', async () => {
    const partly = report({
      ...metadata,
      durationMs: 1_234,
      verdicts: [pass('lost'), notJudged('dashboard_matches_server', 'not judged: the screen was never read')],
    });
    const { suite } = await readAsCi(junitXml(partly));
    expect(suite).toMatchObject({ tests: 2, failures: 0, errors: 0, skipped: 1, time: 1.234 });
    expect(casesOf(suite)).toEqual([
      { name: 'lost', time: 1.234, outcome: 'passed' },
      { name: 'dashboard_matches_server', time: 0, outcome: 'skipped' },
    ]);
    expect(suite.testcase![1]!.skipped).toEqual([{ message: 'not judged: the screen was never read' }]);
    expect(suite['system-out']![0]).toMatch(/^dashboard_matches_server +0 +not measured +NOT JUDGED$/m);
  });

  it('reads a run that stopped on an error: an error case named run, lasting the whole run, and why', async () => {
    const errored = report({
      status: 'error',
      error: 'The virtual device did not start <exit 1>',
      durationMs: 3_000,
      verdicts: [notJudged('lost', 'not judged: the run stopped on an error before it could be')],
    });
    const { root, suite } = await readAsCi(junitXml(errored));
    expect(root).toMatchObject({ tests: 2, failures: 0, errors: 1 });
    expect(suite).toMatchObject({ tests: 2, failures: 0, errors: 1, skipped: 1, time: 3 });
    expect(casesOf(suite)).toEqual([
      { name: 'lost', time: 0, outcome: 'skipped' },
      { name: 'run', time: 3, outcome: 'error' },
    ]);
    expect(suite.testcase![1]!.error).toEqual([
      { message: 'The virtual device did not start <exit 1>', type: 'error' },
    ]);
    // An older report has no seed, version or hash: the properties leave them out rather than say "undefined".
    expect(Object.keys(propertiesOf(suite))).toEqual(['runId', 'description', 'scenarioFile', 'clock']);
    expect(suite['system-out']![0]).toContain('burst-100: ERROR');
  });

  it('writes the timestamp as the JUnit XSD asks: UTC to the second, no zone, no fraction', () => {
    const xml = junitXml(report({ startedAt: '2026-12-07T01:02:03.987Z' }));
    expect(xml).toMatch(/<testsuite [^>]* timestamp="2026-12-07T01:02:03" /);
  });
});
