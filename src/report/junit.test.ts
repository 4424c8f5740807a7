import { describe, expect, it } from 'vitest';
import { junitXml } from './junit';
import type { RunReport } from './run-report';

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
    expect(xml).toContain('<testcase classname="smsgw.burst-100" name="duplicates" time="0"></testcase>');
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
      '<testcase classname="smsgw.burst-100" name="lost" time="0">\n      <skipped message="not judged: the run stopped on an error before it could be"/>\n    </testcase>',
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
