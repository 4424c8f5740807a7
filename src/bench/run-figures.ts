// Whole runs through the real CLI, as a user runs them: a 10,000-SMS burst drained, and a steady
// 200 SMS/s for 30 s for injection-to-2xx latency.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../report/run-report';

const smsgw = fileURLToPath(new URL('../../bin/smsgw.js', import.meta.url));

export async function runScenarioFile(dir: string, name: string, yaml: string, timeoutMs: number): Promise<RunReport> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [smsgw, 'run', file, '--json', '--quiet', '--reports', join(dir, 'runs')],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          // `run --json` prints an array of the reports, one here.
          resolve((JSON.parse(stdout) as [RunReport])[0]);
        } catch {
          reject(new Error(`smsgw run ${name} printed no report: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}

export async function burstThroughput(
  dir: string,
  count: number,
  timeoutMs: number,
): Promise<{ smsPerSecond: number; report: RunReport }> {
  const report = await runScenarioFile(
    dir,
    'bench-burst',
    `name: bench-burst\nload:\n  - burst: { count: ${count}, over: 0s }\nexpect:\n  lost: 0\n  duplicates: 0\n`,
    timeoutMs,
  );
  const seconds = (report.phases.loadMs + (report.phases.drainMs ?? report.durationMs)) / 1000;
  return { smsPerSecond: report.counts.delivered / seconds, report };
}

export async function steadyLatency(
  dir: string,
  ratePerSecond: number,
  seconds: number,
  timeoutMs: number,
): Promise<RunReport> {
  return runScenarioFile(
    dir,
    'bench-steady',
    `name: bench-steady\nload:\n  - constant: { rate: ${ratePerSecond}/s, for: ${seconds}s }\nexpect:\n  lost: 0\n`,
    timeoutMs,
  );
}
