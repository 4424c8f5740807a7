// `abort_on_fail` end to end, as a user runs it: a verdict that fails mid-run stops a run planned for
// minutes, the report says which verdict stopped it and when, the exit code is 1 (a failed verdict,
// not 130), and the teardown leaves no device process behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyRunReport, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import { followToTheEnd, leftBehind, trackProcesses } from './support/track-processes';
import type { RunReport } from '../src/report/run-report';

/** Five minutes of load: a run that ends within the test's time was stopped, not finished. */
const giveUpScenario = `name: give-up-aborts
description: 5 SMS/s for 5 min into a long outage, device clock 100x; lost aborts the run
device: { kind: virtual, clock: 100x }
server:
  faults:
    - { outage: { at: 1s, for: 10m } }
load:
  - constant: { rate: 5/s, for: 5m }
expect:
  lost: { threshold: 0, abort_on_fail: true }
  success_rate: ">= 95%"
  drained_within: 30s
`;

describe('smsgw run with abort_on_fail', { timeout: wholeProgramTimeoutMs }, () => {
  it('stops a run the moment the app gives up on an SMS, fails `lost` with exit 1, says why, and leaves no process', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'give-up', giveUpScenario);
    const reports = join(dir, 'reports');
    const run = startCli(['run', scenario, '--reports', reports, '--defect', 'retry-budget:2', '--no-dashboard']);
    const processes = trackProcesses(run.pid);
    try {
      const { seen, result } = await followToTheEnd(run.done, processes);
      expect(result.code, result.stderr.slice(-3000)).toBe(1);
      // The device (radio and app) and its watchdog ran under the harness, so "none left" means something.
      expect(seen.filter((entry) => entry.pid !== run.pid).length).toBeGreaterThan(1);
      expect(await leftBehind(processes)).toEqual([]);

      const { dir: runDir, report } = onlyRunReport<RunReport>(reports);
      expect(report.status).toBe('failed');
      expect(report.aborted).toMatchObject({ verdict: 'lost', plannedLoadMs: 300_000 });
      // Stopped, not finished: far fewer SMS sent than planned, and nothing drained.
      expect(report.counts.sent).toBeLessThan(report.counts.planned);
      expect(report.phases.drainMs).toBeNull();
      expect(report.error).toMatch(
        /^aborted by `lost` \(abort_on_fail\) [\d.]+s into the run, [\d.]+s into a 5m load: /,
      );
      const lost = report.verdicts.find((verdict) => verdict.name === 'lost');
      expect(lost).toMatchObject({ result: 'fail', detail: expect.stringMatching(/the app gave up on \d+/) });
      expect(lost?.value).toBeGreaterThan(0);
      // Nothing the stopped run could not know passes: the rate and the drain are not judged.
      const results = Object.fromEntries(report.verdicts.map((verdict) => [verdict.name, verdict.result]));
      expect(results).toMatchObject({ success_rate: 'not-judged', drained_within: 'not-judged' });
      expect(Object.values(results)).not.toContain('pass');
      expect(result.stdout).toContain(report.error);
      expect(readFileSync(join(runDir, 'junit.xml'), 'utf8')).toMatch(/the run was aborted on it [\d.]+s into the run/);
    } finally {
      processes.kill();
    }
  });

  it('stops a run on its slowest delivery so far, judged by tracing the run while it goes', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'slow',
      `name: slow-aborts\nload:\n  - constant: { rate: 5/s, for: 5m }\nexpect:\n  latency: { p99: "< 5s", max: { threshold: "< 1s", abort_on_fail: true } }\n`,
    );
    const reports = join(dir, 'reports');
    const run = startCli(['run', scenario, '--reports', reports, '--defect', 'latency:2s', '--quiet']);
    const result = await run.done;
    expect(result.code, result.stderr.slice(-3000)).toBe(1);
    const { report } = onlyRunReport<RunReport>(reports);
    expect(report.aborted?.verdict).toBe('max_latency');
    expect(report.counts.sent).toBeLessThan(report.counts.planned);
    const max = report.verdicts.find((verdict) => verdict.name === 'max_latency');
    expect(max).toMatchObject({ result: 'fail', expected: '< 1s' });
    expect(max?.value).toBeGreaterThanOrEqual(2_000);
    expect(report.verdicts.find((verdict) => verdict.name === 'p99_latency')?.result).toBe('not-judged');
  });
});
