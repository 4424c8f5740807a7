import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareReportsFolder } from './prepare-reports-folder';

const tempDir = (): string => mkdtempSync(join(os.tmpdir(), 'smsgw-reports-folder-'));

describe('prepareReportsFolder', () => {
  it('creates the folder and its missing parents, and leaves nothing in it', async () => {
    const reports = join(tempDir(), 'a', 'b', 'reports');
    await prepareReportsFolder(reports);
    expect(statSync(reports).isDirectory()).toBe(true);
    expect(readdirSync(reports)).toEqual([]);
  });

  it('takes a folder that is already there', async () => {
    const reports = tempDir();
    writeFileSync(join(reports, 'earlier-run'), '');
    await prepareReportsFolder(reports);
    expect(readdirSync(reports)).toEqual(['earlier-run']);
  });

  it('is exit 3 naming the file in the way when the folder would lie under a regular file', async () => {
    const file = join(tempDir(), 'plain');
    writeFileSync(file, 'not a folder');
    const reports = join(file, 'deeper', 'reports');
    await expect(prepareReportsFolder(reports)).rejects.toMatchObject({
      code: 'folder-unavailable',
      exitCode: 3,
      message: `cannot write reports to ${reports}: is not a folder: ${file} is a file`,
    });
    expect(existsSync(reports)).toBe(false);
  });

  it('is exit 3 when the folder itself is a file', async () => {
    const file = join(tempDir(), 'reports');
    writeFileSync(file, '');
    await expect(prepareReportsFolder(file)).rejects.toMatchObject({
      exitCode: 3,
      message: `cannot write reports to ${file}: is not a folder: ${file} is a file`,
    });
  });
});
