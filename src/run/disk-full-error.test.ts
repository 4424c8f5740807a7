import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { diskFullError, isDiskFull, noteDiskFull } from './disk-full-error';

/** SQLite's own answer to a full disk: a database capped at its current size, then one row more. */
function sqliteFull(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  try {
    db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(10_000));
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

/** The kernel's: /dev/full answers every write with ENOSPC. */
function noSpace(): unknown {
  try {
    writeFileSync('/dev/full', 'x');
    return null;
  } catch (error) {
    return error;
  }
}

describe('isDiskFull', () => {
  it("recognises SQLite's SQLITE_FULL and the kernel's ENOSPC, also as the cause of another error", () => {
    expect(isDiskFull(sqliteFull())).toBe(true);
    expect(isDiskFull(noSpace())).toBe(true);
    expect(isDiskFull(new Error('could not write', { cause: noSpace() }))).toBe(true);
  });

  it('recognises a device that could not start because its database was full, from what it said', () => {
    const device = new SmsgwError('device-unavailable', 'The virtual device did not start: it exited with code 1', {
      hint: 'smsgw: unexpected error: database or disk is full',
    });
    expect(isDiskFull(device)).toBe(true);
    expect(
      isDiskFull(new SmsgwError('device-unavailable', 'The virtual device did not start: no ready line within 30s')),
    ).toBe(false);
  });

  it('tells other failures apart', () => {
    expect(isDiskFull(new Error('boom'))).toBe(false);
    expect(isDiskFull(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });
});

describe('diskFullError', () => {
  it('is exit 3 in one line: the folder, what hit the full disk, the space, what was kept and what did not fit', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-disk-full-'));
    writeFileSync(join(dir, 'injections.sqlite'), Buffer.alloc(2000));
    const error = diskFullError(
      dir,
      noteDiskFull(dir, { writing: 'injections.sqlite', cause: sqliteFull(), atMs: 2_340, stoppedRun: true }),
      {
        kept: ['injections.sqlite', 'report.json'],
        notWritten: [
          { name: 'report.html', bytes: 17_000 },
          { name: 'trace.jsonl', bytes: null },
        ],
      },
    );
    expect(error.exitCode).toBe(3);
    expect(error.message).not.toContain('\n');
    expect(error.code).toBe('disk-full');
    expect(error.message).toMatch(
      new RegExp(
        `^no space left in ${dir}: writing injections\\.sqlite failed with SQLITE_FULL 2\\.3s into the run \\(\\S+ free of \\S+, 2KB written by this run\\); the run stopped there; kept: injections\\.sqlite, report\\.json; not written: report\\.html \\(17KB\\), trace\\.jsonl$`,
      ),
    );
  });
});

describe('noteDiskFull', () => {
  it('keeps the space as it was when the disk filled, not as it is once the run has cleaned up', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-disk-full-'));
    writeFileSync(join(dir, 'device.sqlite'), Buffer.alloc(5000));
    const note = noteDiskFull(dir, { writing: null, cause: null, atMs: 1_000, stoppedRun: true });
    rmSync(join(dir, 'device.sqlite'));
    expect(diskFullError(dir, note).message).toMatch(
      /: the disk filled up 1s into the run \(\S+ free of \S+, 5KB written by this run\); the run stopped there$/,
    );
  });
});
