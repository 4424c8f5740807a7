// The shipped app-kills scenario, whole: the app killed five times and force-stopped once, one power
// loss, a flapping server, one SMS in five an exact repeat. Every acknowledged SMS reaches the server
// once; only the power loss may leave SMS in doubt, at most those in flight on the console then.
import { describe, expect, it } from 'vitest';
import { injectionDefaults } from '../src/injection/defaults';
import { onlyRunReport, runCli, tempDir, wholeProgramTimeoutMs } from './support/run-cli';

interface Report {
  readonly status: string;
  readonly counts: Record<string, number>;
  readonly timeline: readonly { readonly event: string }[];
  readonly verdicts: readonly { readonly name: string; readonly actual: string; readonly result: string }[];
}

describe('scenarios/app-kills.yaml', { timeout: wholeProgramTimeoutMs }, () => {
  it('passes with nothing lost, nothing twice, nothing unanswered, and no more in doubt than was in flight at the power loss', async () => {
    const reports = tempDir();
    const result = await runCli(['run', 'scenarios/app-kills.yaml', '--reports', reports, '--quiet']);
    const { report } = onlyRunReport<Report>(reports);
    // On a failure, say which verdict and what the counts were: the run's folder is gone with the test.
    const verdicts = report.verdicts.map((verdict) => `${verdict.name} ${verdict.actual} ${verdict.result}`).join('; ');
    expect(result.code, `${result.stderr}\n${verdicts}\n${JSON.stringify(report.counts)}`).toBe(0);
    expect(report.status).toBe('passed');
    expect(report.counts).toMatchObject({ injected: 1000, lost: 0, duplicates: 0, unanswered: 0, refused: 0 });
    expect(report.counts['inDoubt']).toBeLessThanOrEqual(injectionDefaults.maxInFlight);
    expect(report.counts['repeats']).toBeGreaterThan(100);
    const events = report.timeline.map((entry) => entry.event);
    expect(events.filter((event) => event === 'app killed (SIGKILL)')).toHaveLength(5);
    expect(events).toContain('app opened again');
    expect(events.filter((event) => event.startsWith('device killed'))).toHaveLength(1);
  });
});
