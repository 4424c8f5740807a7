// The shipped server-down-3-days scenario, whole: a device clock at 10000x, the server down for four
// days of device time. The app gives up on the 20 SMS that arrived as the outage began (its 3-day
// budget ran out), and the harness counts those 20 lost as well; the 4 SMS of the outage's last
// second are delivered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyRunReport, runCli, tempDir, wholeProgramTimeoutMs } from './support/run-cli';

interface Report {
  readonly status: string;
  readonly counts: Record<string, number | null>;
  readonly verdicts: readonly { readonly name: string; readonly actual: string; readonly result: string }[];
  readonly latency: { readonly clock: string };
  readonly phases: { readonly clock: string; readonly drainMs: number | null };
  readonly deviceClock: { readonly speed: number };
  readonly device: { readonly engine: { readonly gaveUp: number; readonly failed: number } };
  readonly stub: { readonly accepted: number };
}

describe('scenarios/server-down-3-days.yaml', { timeout: wholeProgramTimeoutMs }, () => {
  it('gives up on the 20 SMS older than the 3-day budget, counts them lost too, and delivers the 4 younger ones', async () => {
    const reports = tempDir();
    const result = await runCli(['run', 'scenarios/server-down-3-days.yaml', '--reports', reports, '--quiet']);
    const { dir, report } = onlyRunReport<Report>(reports);
    expect(result.code, result.stderr).toBe(0);
    expect(report.status).toBe('passed');
    expect(report.counts).toMatchObject({ injected: 24, delivered: 4, lost: 20, gaveUp: 20, duplicates: 0 });
    expect(report.stub.accepted).toBe(4);
    expect(report.device.engine).toMatchObject({ gaveUp: 20, failed: 20 });
    const verdicts = Object.fromEntries(report.verdicts.map((verdict) => [verdict.name, verdict]));
    expect(verdicts['gave_up']).toMatchObject({ actual: '20', result: 'pass' });
    expect(verdicts['lost']).toMatchObject({ actual: '20', result: 'pass' });
    // Which clock: the harness measured on its wall clock; the device's ran 10000x.
    expect(report.deviceClock.speed).toBe(10_000);
    expect(report.latency.clock).toBe('harness wall clock');
    expect(report.phases.clock).toBe('harness wall clock');
    expect(result.stdout).toMatch(/gave up 20/);
    expect(result.stdout).toMatch(/\(harness wall clock\); the device's clock ran 10000x/);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('name="gave_up"');
    expect(junit).toContain('<property name="deviceClock" value="10000x"/>');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('data-device-clock="10000"');
  });
});
