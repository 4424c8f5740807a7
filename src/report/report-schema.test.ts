import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { SmsgwError } from '../errors';
import { VERSION } from '../version';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { summarizeRun, type RunRecord } from './summarize-run';
import type { RunReport } from './run-report';
import { reportJsonSchemaPath, reportJsonSchemaText, reportSchemaCommand } from '../../scripts/report-schema';
import { expectValidReport, reportSchemaErrors } from '../../test/support/report-schema';
import { healthOf } from '../../test/support/metrics-kit';

const sha = 'c0ffee'.repeat(10) + 'c0de';
const scenario = {
  ...parseScenario('name: s\nseed: 9\nload: [ { burst: { count: 2, over: 1s } } ]\n', 's.yaml'),
  sourceSha256: sha,
};

const twoAcknowledged = (): InjectionStore => {
  const log = openInjectionStore(':memory:');
  log.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 10 });
  log.acknowledged({ index: 1, sender: '+1', text: 'b', injectedAt: 11 });
  return log;
};

const record = (overrides: Partial<RunRecord> = {}): RunRecord => ({
  scenario,
  file: 's.yaml',
  runId: 'r',
  startedAt: new Date(0),
  loadStartedAt: 0,
  loadEndedAt: 1_000,
  drainedAt: 1_200,
  planned: 2,
  log: openInjectionStore(':memory:'),
  ledgerPath: null,
  stubStats: {},
  deviceHealth: healthOf(),
  peakRssBytes: 100e6,
  timeline: [{ atMs: 500, event: 'kill app' }],
  interrupted: false,
  failure: null,
  environment: { node: 'v20', cpus: 2 },
  ...overrides,
});

/** report.json as written and read back: what a reader of the file validates. */
const asWritten = (report: RunReport): unknown => JSON.parse(JSON.stringify(report));

describe('schemas/report.schema.json', () => {
  it('is what the RunReport type generates today', async () => {
    const committed = await readFile(fileURLToPath(new URL(`../../${reportJsonSchemaPath}`, import.meta.url)), 'utf8');
    expect(committed, `${reportJsonSchemaPath} is stale: run \`${reportSchemaCommand}\``).toBe(reportJsonSchemaText());
  });

  const runs: [string, RunRecord, RunReport['status']][] = [
    ['a passed run', record(), 'passed'],
    ['a failed run that lost SMS', record({ log: twoAcknowledged(), defects: ['drop:1%'], redact: true }), 'failed'],
    ['an interrupted run', record({ log: twoAcknowledged(), interrupted: true, drainedAt: null }), 'interrupted'],
    [
      'a run that stopped on an error before its load',
      record({
        loadEndedAt: null,
        drainedAt: null,
        deviceHealth: null,
        peakRssBytes: null,
        failure: new SmsgwError('device-unavailable', 'The virtual device did not start'),
      }),
      'error',
    ],
    [
      'a checkpoint of a run still going',
      record({ log: twoAcknowledged(), running: true, loadEndedAt: null }),
      'running',
    ],
  ];

  it.each(runs)('fits the report.json of %s, with its metadata', (_, run, status) => {
    const { report } = summarizeRun(run);
    expect(report.status).toBe(status);
    expect(report).toMatchObject({ smsgwVersion: VERSION, seed: 9, scenario: { file: 's.yaml', sha256: sha } });
    expectValidReport(asWritten(report));
  });

  it('rejects a report that lacks a required field, has a key the type does not name, or a wrong type', () => {
    const report = asWritten(summarizeRun(record()).report) as Record<string, unknown>;
    const { counts, ...withoutCounts } = report;
    expect(reportSchemaErrors(withoutCounts)).toContain("(the report) must have required property 'counts'");
    expect(reportSchemaErrors({ ...report, lostCount: 0 })).toContain(
      '(the report) must NOT have additional properties (lostCount)',
    );
    expect(reportSchemaErrors({ ...report, counts: { ...(counts as object), lost: '0' } })).toContain(
      '/counts/lost must be number',
    );
    expect(reportSchemaErrors({ ...report, startedAt: 'yesterday' })).toContain(
      '/startedAt must match format "date-time"',
    );
    expect(
      reportSchemaErrors({ ...report, scenario: { name: 's', description: 'd', file: 'f', sha256: 'x' } }),
    ).toEqual(['/scenario/sha256 must match pattern "^[0-9a-f]{64}$"']);
    expect(() => expectValidReport(withoutCounts)).toThrow("must have required property 'counts'");
  });
});
