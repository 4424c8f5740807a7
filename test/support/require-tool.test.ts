import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { debianPackages, isCi, onPath, toolOrSkip } from './require-tool';
import { tempDir } from './run-cli';
import { runFixture } from './run-fixture';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A folder holding an executable `name` (a shell script that does nothing). */
function folderWithExecutable(name: string): string {
  const dir = tempDir('smsgw-path-');
  writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('onPath', () => {
  it('finds what `command -v` finds', () => {
    expect(onPath('sh')).toBe(execFileSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).trim());
  });

  it('passes over a file that is not executable and a folder of that name, like `command -v`', () => {
    const notExecutable = tempDir('smsgw-path-');
    writeFileSync(join(notExecutable, 'frob'), 'not a program');
    const folder = tempDir('smsgw-path-');
    mkdirSync(join(folder, 'frob'));
    const real = folderWithExecutable('frob');
    expect(onPath('frob', [notExecutable, '', folder, real].join(delimiter))).toBe(join(real, 'frob'));
    expect(onPath('frob', [notExecutable, folder].join(delimiter))).toBeNull();
  });
});

describe('isCi', () => {
  it('reads CI set to anything but empty, false or 0 as CI', () => {
    for (const value of ['true', '1', 'yes', 'TRUE']) expect(isCi({ CI: value }), value).toBe(true);
    for (const value of [undefined, '', 'false', 'FALSE', '0']) expect(isCi({ CI: value }), String(value)).toBe(false);
  });
});

describe('toolOrSkip', () => {
  const nowhere = tempDir('smsgw-path-');

  it('gives the path of a tool on PATH, under CI or not', () => {
    const dir = folderWithExecutable('adb');
    expect(toolOrSkip('adb', { PATH: dir })).toEqual({ kind: 'found', path: join(dir, 'adb') });
    expect(toolOrSkip('adb', { PATH: dir, CI: 'true' })).toEqual({ kind: 'found', path: join(dir, 'adb') });
  });

  it('skips for a missing tool without CI, naming the Debian package that brings it', () => {
    expect(toolOrSkip('chromedriver', { PATH: nowhere })).toEqual({
      kind: 'skip',
      reason: 'chromedriver is not on PATH; apt-get install chromium-driver',
    });
    expect(toolOrSkip('script', { PATH: nowhere, CI: 'false' })).toMatchObject({ kind: 'skip' });
  });

  it('fails for a missing tool under CI', () => {
    expect(toolOrSkip('adb', { PATH: nowhere, CI: '1' })).toMatchObject({
      kind: 'fail',
      reason: expect.stringContaining('adb is not on PATH; apt-get install adb'),
    });
  });
});

describe('.ci/run', () => {
  it('installs the Debian package of every tool the tests look up, when `command -v` misses it', () => {
    const ciRun = readFileSync(join(projectRoot, '.ci/run'), 'utf8');
    for (const [tool, debianPackage] of Object.entries(debianPackages)) {
      expect(ciRun, tool).toContain(`command -v ${tool} >/dev/null 2>&1 || missing+=(${debianPackage})`);
    }
  });
});

describe('describeWithTools', () => {
  it('fails every test of the suite, never skips it, when the tool is missing under CI=1', async () => {
    const { code, output } = await runFixture('needs-adb', { PATH: tempDir('smsgw-path-'), CI: '1' });
    expect(output).toMatch(/^0 passed, 2 failed, 0 skipped$/m);
    expect(output).toContain('adb is not on PATH; apt-get install adb');
    expect(code).toBe(1);
  });

  it('skips the suite with the reason in its title when the tool is missing and CI is not set', async () => {
    const { code, output } = await runFixture('needs-adb', { PATH: tempDir('smsgw-path-') });
    expect(output).toMatch(/^0 passed, 0 failed, 2 skipped$/m);
    expect(output).toContain('a suite that needs adb (skipped: adb is not on PATH; apt-get install adb)');
    expect(code).toBe(0);
  });

  it('runs the suite with the path of the tool it found on PATH, under CI too', async () => {
    const { code, output } = await runFixture('needs-adb', { PATH: folderWithExecutable('adb'), CI: 'true' });
    expect(output).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
    expect(code).toBe(0);
  });
});
