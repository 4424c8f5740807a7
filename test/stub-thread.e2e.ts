// A run whose stub's thread ends unasked, through the real binary: nothing answers the device any
// more, so the run stops with exit 3 and one line, never hangs, and its ledger keeps every request the
// stub answered before it ended.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readProcessTable } from './support/process-table';
import { runCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import type { RunReport } from '../src/report/run-report';

const crashes = fileURLToPath(new URL('./support/fixtures/stub-handlers/crashes.ts', import.meta.url));
const linesOf = (stderr: string): string[] => stderr.split('\n').filter((line) => line.trim() !== '');

describe('smsgw run when the stub stops', { timeout: wholeProgramTimeoutMs }, () => {
  it('stops with exit 3 and one line, leaves no process behind, and keeps what the stub answered', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'stub-crash',
      `name: stub-crash\nserver:\n  handlers: ${crashes}\nload:\n  - constant: { rate: 20/s, for: 20s }\n`,
    );
    const reports = join(dir, 'reports');
    const result = await runCli(['run', scenario, '--reports', reports, '--quiet', '--no-dashboard']);

    expect(result.code, result.stderr).toBe(3);
    expect(linesOf(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^smsgw: The stub's thread stopped unasked: a timer of the handler threw, \d+s into the run\. The run stops here/,
    );
    const [runName] = readdirSync(reports);
    const runDir = join(reports, runName!);
    expect(readProcessTable().filter((entry) => entry.args.includes(runDir))).toEqual([]);
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('error');
    // The stub answered the first webhook 200 a moment before its thread ended: its row was written all the same.
    expect(report.counts.delivered).toBeGreaterThanOrEqual(1);
  });
});
