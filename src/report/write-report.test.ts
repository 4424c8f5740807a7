import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact';
import type { RunReport } from './run-report';
import { writeRunFiles, writeTrace } from './write-report';
import type { TracedMessage } from '../judge/trace';

const report: RunReport = {
  schemaVersion: 1,
  runId: 'r1',
  status: 'error',
  scenario: { name: 'full-disk', description: 'a disk that fills up', file: 'scenarios/full-disk.yaml' },
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:00:12.000Z',
  durationMs: 12_000,
  phases: { loadMs: 10_000, drainMs: null },
  counts: {
    planned: 100,
    injected: 3,
    refused: 0,
    inDoubt: 0,
    inDoubtDelivered: 0,
    delivered: 3,
    lost: 0,
    duplicates: 0,
    redeliveries: 0,
  },
  latency: { p50Ms: 10, p95Ms: 20, p99Ms: 30, maxMs: 40 },
  timeline: [],
  verdicts: [],
  lostSamples: [],
  stub: {},
  device: {},
  environment: {},
};

const traced = (count: number): TracedMessage[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    sender: '+15550100',
    text: `sms ${index}`,
    injectedAt: 1,
    messageId: `m${index}`,
    acceptedAt: 2,
    latencyMs: 1,
    requests: 1,
  }));

const tempDir = (): string => mkdtempSync(join(os.tmpdir(), 'smsgw-write-report-'));

/** Points `name` in `dir` at /dev/full, where the kernel answers every write with ENOSPC: a full disk for one file. */
const onAFullDisk = (dir: string, name: string): void => symlinkSync('/dev/full', join(dir, name));

describe('writeTrace', () => {
  it('rejects with ENOSPC on a full disk instead of ending the process, and leaves no half trace', async () => {
    const dir = tempDir();
    onAFullDisk(dir, 'trace.jsonl');
    await expect(writeTrace(dir, traced(1000), createRedactor(false))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(existsSync(join(dir, 'trace.jsonl'))).toBe(false);
  });

  it('writes one line per SMS', async () => {
    const dir = tempDir();
    await writeTrace(dir, traced(3), createRedactor(false));
    expect(readFileSync(join(dir, 'trace.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });
});

describe('writeRunFiles', () => {
  it('writes every file that fits, returns the one that did not with its size, and removes its temp file', async () => {
    const dir = tempDir();
    onAFullDisk(dir, 'report.html.tmp');
    const unwritten = await writeRunFiles(dir, report, traced(2), createRedactor(false));
    expect(unwritten).toEqual([
      {
        name: 'report.html',
        bytes: expect.any(Number) as number,
        error: expect.objectContaining({ code: 'ENOSPC' }) as unknown,
      },
    ]);
    expect(unwritten[0]!.bytes).toBeGreaterThan(1000);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.json', 'trace.jsonl']);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ runId: 'r1', status: 'error' });
  });
});
