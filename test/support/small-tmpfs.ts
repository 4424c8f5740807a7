// A real, small file system for the tests of a full or read-only disk: a tmpfs mounted on a fresh
// folder. Mounting needs root (CAP_SYS_ADMIN); where that fails, the tests that need it skip, with
// the reason in their title.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  readonly path: string;
  /** Unmounts (lazily, should a process still hold a file) and removes the mount point. */
  unmount(): void;
}

export interface TmpfsOptions {
  /** Its size, KiB. */
  readonly sizeKiB: number;
  readonly readOnly?: boolean;
}

/** Mounts a tmpfs of `sizeKiB` on a new folder under the system's temp folder. */
export function mountTmpfs(options: TmpfsOptions): Tmpfs {
  const path = mkdtempSync(join(os.tmpdir(), 'smsgw-tmpfs-'));
  const flags = `size=${options.sizeKiB}k${options.readOnly ? ',ro' : ''}`;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', path], { stdio: 'pipe' });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    throw error;
  }
  return {
    path,
    unmount() {
      try {
        execFileSync('umount', [path], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', path], { stdio: 'pipe' });
      }
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Null when this machine mounts a tmpfs for a test; otherwise why not, for a skipped suite's title. */
export function tmpfsUnavailable(): string | null {
  try {
    mountTmpfs({ sizeKiB: 64 }).unmount();
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `cannot mount a tmpfs here (${stderr || (error instanceof Error ? error.message : String(error))}); the test needs root`;
  }
}
