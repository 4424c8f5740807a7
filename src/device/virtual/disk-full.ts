// The `disk: full` chaos step on the virtual device: SQLite itself answers SQLITE_FULL, the way it
// does on a phone whose storage ran out, so the engine's real error paths run (no mock, no flag).
// `PRAGMA max_page_count` caps this connection's file at its current size; the free pages inside
// it are filled first, or writes would quietly reuse them and never fail.
import type { SqlDb } from '../../../android-app/src/engine/ports';
import { virtualDeviceDefaults as defaults } from './defaults';

/** Holds the filler blobs; dropped when the disk is "freed", and by any later fill (a killed device leaves it). */
const fillerTable = 'smsgw_chaos_disk_fill';

export interface DiskFull {
  /** True between `set(true)` and `set(false)`. */
  readonly full: boolean;
  /** Fills the database to its cap (true) or lifts the cap and frees the filler (false). Idempotent. */
  set(full: boolean): Promise<void>;
}

const isFull = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';

async function pragma(db: SqlDb, statement: string): Promise<number> {
  const rows = await db.all<Record<string, number>>(`PRAGMA ${statement}`);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

/** Inserts ever smaller blobs until even a small one does not fit; returns the bytes written. */
async function fillFreePages(db: SqlDb, pageSize: number, freePages: number): Promise<number> {
  let size = Math.max(1, freePages) * pageSize;
  let written = 0;
  // Bounded: each round either halves `size` or uses up free space that is finite; the cap is a backstop.
  for (let round = 0; round < defaults.diskFillMaxRounds && size >= defaults.diskFillMinBlobBytes; round++) {
    try {
      await db.run(`INSERT INTO ${fillerTable} (filler) VALUES (zeroblob(?))`, [size]);
      written += size;
    } catch (error) {
      if (!isFull(error)) throw error;
      size = Math.floor(size / 2);
    }
  }
  return written;
}

/** Controls the disk-full state of the device's own connection (`max_page_count` is per connection). */
export function createDiskFull(db: SqlDb): DiskFull {
  let full = false;
  let originalMaxPages: number | null = null;
  // The HTTP control route may be called twice at once; fills and frees take turns.
  let queue = Promise.resolve();

  const fill = async (): Promise<void> => {
    originalMaxPages ??= await pragma(db, 'max_page_count');
    await db.run(`DROP TABLE IF EXISTS ${fillerTable}`);
    // Created before the cap: a new table needs a page of its own.
    await db.run(`CREATE TABLE ${fillerTable} (filler BLOB)`);
    const pages = await pragma(db, 'page_count');
    await pragma(db, `max_page_count = ${pages}`);
    await fillFreePages(db, await pragma(db, 'page_size'), await pragma(db, 'freelist_count'));
    full = true;
  };

  const free = async (): Promise<void> => {
    if (originalMaxPages !== null) await pragma(db, `max_page_count = ${originalMaxPages}`);
    await db.run(`DROP TABLE IF EXISTS ${fillerTable}`);
    full = false;
  };

  return {
    get full() {
      return full;
    },
    set(wanted) {
      const next = queue.then(() => (wanted ? fill() : free()));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
