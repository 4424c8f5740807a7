// Room held back on the run's disk: a run stopped by a full disk has everything torn down by the time
// it writes its evidence, and a disk that is full to the last byte would take nothing more. Released
// at teardown, the reserve is what the unwritten injections, the ledger's last rows and report.json
// are written into.
import { rm, writeFile } from 'node:fs/promises';

export interface DiskReserve {
  /** Frees the room; the file is gone once this resolves. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Writes `bytes` zeros to `path` (written, not a sparse file: a file system only counts what it
 * stores). Throws what the file system said, ENOSPC when not even that fits; nothing is left behind.
 */
export async function holdDiskReserve(path: string, bytes: number): Promise<DiskReserve> {
  try {
    await writeFile(path, Buffer.alloc(bytes));
  } catch (error) {
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
  let released: Promise<void> | null = null;
  return {
    release: () => (released ??= rm(path, { force: true })),
  };
}
