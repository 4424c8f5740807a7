import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from './read-report';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smsgw-read-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const minimal = {
  schemaVersion: 1,
  runId: 'r1',
  status: 'passed',
  scenario: { name: 'burst-100', description: '', file: 'scenarios/burst-100.yaml' },
  phases: { loadMs: 10_000, drainMs: null },
  counts: { injected: 100, delivered: 100, lost: 0, duplicates: 0, redeliveries: 0 },
  latency: { p50Ms: 10, p95Ms: 20, p99Ms: null },
  verdicts: [],
};

async function reportFile(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('readReport', () => {
  it('reads a report with the fields a comparison needs', async () => {
    await expect(readReport(await reportFile('ok.json', minimal))).resolves.toMatchObject({ runId: 'r1' });
  });

  // Found by main.fuzz-style probing of `smsgw report compare`: these ended as
  // "unexpected error: Cannot read properties of null" with exit 1.
  it('refuses a damaged report as bad input, naming every field that is wrong', async () => {
    const file = await reportFile('damaged.json', { ...minimal, counts: null, latency: {}, verdicts: 'none' });
    const error = await readReport(file).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'bad-report', exitCode: 2, message: `${file} is a damaged smsgw run report` });
    expect((error as { issues: string[] }).issues).toEqual([
      'expected `counts.injected` to be a number, got nothing',
      'expected `counts.delivered` to be a number, got nothing',
      'expected `counts.lost` to be a number, got nothing',
      'expected `counts.duplicates` to be a number, got nothing',
      'expected `counts.redeliveries` to be a number, got nothing',
      'expected `latency.p50Ms` to be a number or null, got nothing',
      'expected `latency.p95Ms` to be a number or null, got nothing',
      'expected `latency.p99Ms` to be a number or null, got nothing',
      'expected `verdicts` to be a list of verdicts, got "none"',
    ]);
  });

  it('refuses a series with a hole in its points', async () => {
    const file = await reportFile('holes.json', { ...minimal, series: { points: [null] } });
    await expect(readReport(file)).rejects.toMatchObject({
      code: 'bad-report',
      issues: ['expected `series` to be absent or { points: [{ rssBytes }, …] }, got {"points":[null]}'],
    });
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readReport(fifo)).rejects.toMatchObject({ code: 'bad-report', message: `No report.json in ${fifo}` });
  });
});
