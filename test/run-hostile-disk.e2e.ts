// `smsgw run` on a hostile disk, as a user meets one: a reports folder on a small tmpfs that fills up
// mid-run, a read-only one, one under a regular file. Real mounts, real processes, real SQLite.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readProcessTable } from './support/process-table';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import { mountTmpfs, tmpfsUnavailable, type Tmpfs } from './support/small-tmpfs';
import { startStub } from '../src/stub/index';
import { postForTest } from './support/post-webhook';
import { webhookPayload, webhookRequest } from './support/webhook-fixtures';
import type { RunReport } from '../src/report/run-report';

const noTmpfs = tmpfsUnavailable();
const describeWithTmpfs = noTmpfs === null ? describe : describe.skip;
const suffix = noTmpfs === null ? '' : ` (skipped: ${noTmpfs})`;

let mounts: Tmpfs[] = [];
const mount = (sizeKiB: number, readOnly = false): Tmpfs => {
  const tmpfs = mountTmpfs({ sizeKiB, readOnly });
  mounts.push(tmpfs);
  return tmpfs;
};
// Each test waits for its harness to exit, which stops its device; should anything still hold a file,
// the unmount is lazy and the mount goes once it lets go.
afterEach(() => {
  for (const tmpfs of mounts) tmpfs.unmount();
  mounts = [];
});

/** A load that writes fast: multipart texts, 50 a second, for longer than any disk here lasts. */
const fillingLoad = `name: fill-the-disk
load:
  - constant: { rate: 50/s, for: 2m }
messages: { text: multipart }
`;

/** Pids of processes whose command line names `text` (the device's --db lives in the run's folder). */
const processesNaming = (text: string): number[] =>
  readProcessTable()
    .filter((entry) => entry.args.includes(text))
    .map((entry) => entry.pid);

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Writes zeros to `path` until the disk under it has no page left. */
function fillTheDisk(path: string): void {
  const page = Buffer.alloc(4096);
  let filled = Buffer.alloc(0);
  for (;;) {
    try {
      writeFileSync(path, Buffer.concat([filled, page]));
      filled = Buffer.concat([filled, page]);
    } catch {
      writeFileSync(path, filled);
      return;
    }
  }
}

/** stderr without blank lines: what a user reads. */
const linesOf = (stderr: string): string[] => stderr.split('\n').filter((line) => line.trim() !== '');

describeWithTmpfs(`smsgw run when the reports disk fills up${suffix}`, { timeout: wholeProgramTimeoutMs }, () => {
  it('stops with exit 3 and one line naming the folder and its space, stops every process, and keeps every acknowledged SMS and a report', async () => {
    const disk = mount(1024);
    const scenario = writeScenario(tempDir(), 'fill', fillingLoad);
    const result = await runCli(['run', scenario, '--reports', disk.path, '--quiet', '--no-redact']);

    expect(result.code, result.stderr).toBe(3);
    const [runName] = readdirSync(disk.path);
    const runDir = join(disk.path, runName ?? '');
    // One line: the folder, what filled it, the space; no stack trace, no unhandled stream error.
    expect(linesOf(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^smsgw: no space left in ${escaped(runDir)}: (writing .+ failed with .+|the disk filled up) \\S+ into the run \\(\\S+ free of \\S+, \\S+ written by this run[^)]*\\); the run stopped there`,
      ),
    );
    expect(result.stderr).toMatch(/kept: .*report\.json/);
    expect(result.stderr).not.toMatch(/\n\s+at |SqliteError|Unhandled|ENOSPC: no space/);
    // The device went down with the run; the stub lived in the harness, which has exited.
    expect(processesNaming(runDir)).toEqual([]);

    // Read from a copy: SQLite opens a WAL database by writing beside it, and this disk is full.
    const kept = join(tempDir(), 'kept');
    cpSync(runDir, kept, { recursive: true });
    const report = JSON.parse(readFileSync(join(kept, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('error');
    expect(JSON.stringify(report)).toMatch(/no space left in/);
    // Every SMS the device acknowledged is in the injection log, none left behind in memory.
    const log = new Database(join(kept, 'injections.sqlite'), { readonly: true });
    const acknowledged = log
      .prepare("SELECT count(*) FROM injections WHERE state = 'acknowledged'")
      .pluck()
      .get() as number;
    log.close();
    expect(acknowledged).toBe(report.counts.injected);
    const ledger = new Database(join(kept, 'ledger.sqlite'), { readonly: true });
    const accepted = ledger
      .prepare("SELECT count(*) FROM stub_requests WHERE outcome = 'accepted'")
      .pluck()
      .get() as number;
    ledger.close();
    // Every webhook the stub accepted (its counter, kept in memory) is in the ledger too.
    expect(accepted).toBe(report.stub.accepted);
    // No temp file or reserve left taking room.
    expect(readdirSync(runDir).filter((name) => name.endsWith('.tmp') || name === '.disk-reserve')).toEqual([]);
  });

  it('stops with exit 3 and a report when another program fills the reports disk mid-run', async () => {
    const disk = mount(2048);
    const scenario = writeScenario(
      tempDir(),
      'slow',
      `name: slow-load\nload:\n  - constant: { rate: 5/s, for: 10m }\n`,
    );
    const run = startCli(['run', scenario, '--reports', disk.path, '--no-dashboard', '--no-redact']);
    await run.waitFor(/sent [1-9]\d*\//);
    fillTheDisk(join(disk.path, 'someone-else'));
    const result = await run.done;

    expect(result.code, result.stderr).toBe(3);
    const [runName] = readdirSync(disk.path).filter((name) => name !== 'someone-else');
    const runDir = join(disk.path, runName ?? '');
    // Beside the progress lines and the scenario's own line: one line, the full disk.
    const errors = linesOf(result.stderr).filter(
      (line) => !line.startsWith('[') && !line.startsWith('smsgw: slow-load —'),
    );
    expect(errors, result.stderr).toEqual([
      expect.stringMatching(new RegExp(`^smsgw: no space left in ${escaped(runDir)}: .* into the run \\(0B free of `)),
    ]);
    expect(processesNaming(runDir)).toEqual([]);
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('error');
    expect(report.counts.injected).toBeGreaterThan(0);
  });

  it('stops with exit 3 and one line when the reports disk is too small for the run to start (300 KB)', async () => {
    const disk = mount(300);
    const scenario = writeScenario(tempDir(), 'fill', fillingLoad);
    const result = await runCli(['run', scenario, '--reports', disk.path, '--quiet', '--no-redact']);

    expect(result.code, result.stderr).toBe(3);
    expect(linesOf(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^smsgw: no space left in ${escaped(disk.path)}/\\S+: .*free of`));
    expect(result.stderr).not.toMatch(/\n\s+at |SqliteError|Unhandled|unexpected error/);
    const [runName] = readdirSync(disk.path);
    if (runName !== undefined) expect(processesNaming(join(disk.path, runName))).toEqual([]);
  });

  it('hands a ledger batch that hit a full disk to its caller, and writes it once there is room again', async () => {
    const disk = mount(256);
    const errors: unknown[] = [];
    const stub = await startStub(
      { ledgerPath: join(disk.path, 'ledger.sqlite') },
      { onLedgerError: (error) => errors.push(error) },
    );
    const filler = join(disk.path, 'filler');
    try {
      fillTheDisk(filler);
      let sent = 0;
      while (errors.length === 0 && sent < 500) {
        const { body, headers } = webhookRequest(webhookPayload(sent, { text: 'x'.repeat(1500) }));
        const answer = await postForTest(stub.url, body, headers);
        expect(answer).toMatchObject({ kind: 'response', status: 200 });
        sent += 1;
      }
      expect(errors[0]).toMatchObject({ code: 'SQLITE_FULL' });
      rmSync(filler);
    } finally {
      await stub.close();
    }
    const ledger = new Database(join(disk.path, 'ledger.sqlite'), { readonly: true });
    const rows = ledger
      .prepare("SELECT count(*) FROM stub_requests WHERE outcome = 'accepted'")
      .pluck()
      .get() as number;
    ledger.close();
    expect(rows).toBe(stub.stats().accepted);
    expect(rows).toBeGreaterThan(0);
  });
});

describe('smsgw run with a reports folder it cannot write', { timeout: wholeProgramTimeoutMs }, () => {
  const quick = `name: never-runs\nload:\n  - burst: { count: 5, over: 1s }\n`;

  /** Exit 3 with one line, and no sign that a run started: no description line, no run folder. */
  const expectRefusedBeforeStart = (result: { code: number | null; stderr: string }, reason: RegExp): void => {
    expect(result.code, result.stderr).toBe(3);
    expect(linesOf(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toMatch(/never-runs —|unexpected error|\n\s+at /);
  };

  it('exits 3 before anything starts when the reports folder is read-only, and says so', async () => {
    const scenario = writeScenario(tempDir(), 'quick', quick);
    // Root writes through any mode bits: a read-only mount is the only read-only folder it has.
    if (noTmpfs === null) {
      const disk = mount(64, true);
      const reports = join(disk.path, 'reports');
      const result = await runCli(['run', scenario, '--reports', reports, '--no-dashboard']);
      expectRefusedBeforeStart(
        result,
        new RegExp(`^smsgw: cannot write reports to ${escaped(reports)}: read-only file system$`, 'm'),
      );
      expect(existsSync(reports)).toBe(false);
    } else {
      const reports = join(tempDir(), 'locked');
      mkdirSync(reports);
      chmodSync(reports, 0o555);
      const result = await runCli(['run', scenario, '--reports', reports, '--no-dashboard']);
      expectRefusedBeforeStart(
        result,
        new RegExp(`^smsgw: cannot write reports to ${escaped(reports)}: permission denied$`, 'm'),
      );
      expect(readdirSync(reports)).toEqual([]);
    }
  });

  it('exits 3 before anything starts when the reports folder would lie under a regular file, and names that file', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'quick', quick);
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'just a file');
    const reports = join(file, 'reports');
    const result = await runCli(['run', scenario, '--reports', reports, '--no-dashboard']);
    expectRefusedBeforeStart(
      result,
      new RegExp(
        `^smsgw: cannot write reports to ${escaped(reports)}: is not a folder: ${escaped(file)} is a file$`,
        'm',
      ),
    );
  });
});
