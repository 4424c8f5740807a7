// `db: locked`: a second process (the harness) holds the device's SQLite write lock, as a backup
// tool, a stuck migration or a second copy of the engine would. The device meets it through its
// busy_timeout and SQLITE_BUSY, never through a mock.
import Database from 'better-sqlite3';
import { SmsgwError } from '../errors';
import { chaosDefaults } from './defaults';

export interface DbLock {
  /** Ends the transaction and closes the connection; the device's writers go on. Idempotent. */
  release(): void;
}

export interface LockDatabaseOptions {
  /** How long to keep trying while the device itself holds the lock, ms. Default `chaosDefaults.dbLockAcquireTimeoutMs`. */
  readonly timeoutMs?: number;
  /** Pause between tries, ms. Default `chaosDefaults.dbLockPollMs`. */
  readonly pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);

/**
 * Opens the SQLite file at `path` and takes its write lock (`BEGIN EXCLUSIVE`; in WAL mode readers
 * carry on). better-sqlite3 is synchronous, so the connection's busy_timeout is 0 and waiting is
 * done here between tries: the harness's event loop (the injector, the samplers) never blocks.
 */
export async function lockDatabase(path: string, options: LockDatabaseOptions = {}): Promise<DbLock> {
  const timeoutMs = options.timeoutMs ?? chaosDefaults.dbLockAcquireTimeoutMs;
  const pollMs = options.pollMs ?? chaosDefaults.dbLockPollMs;
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw new SmsgwError(
      'device-unavailable',
      `Cannot open the device's database ${path} to lock it: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      if (isBusy(error) && Date.now() < deadline) {
        await sleep(pollMs);
        continue;
      }
      db.close();
      throw new SmsgwError(
        'device-unavailable',
        `Could not lock the device's database ${path} within ${timeoutMs} ms: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return {
    release() {
      if (!db.open) return;
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
