// Group commit. With synchronous=FULL every commit is an fsync (about 1 ms on a phone's flash or a
// laptop SSD), so one transaction per SMS caps ingest near the disk's fsync rate. Writes that arrive
// while the database is busy (pipelined SMS, finished sends, a claim) wait together and share one
// transaction; each caller is answered only after the commit that holds its write.
// The transaction starts on the next turn of the event loop (`defer`), not at the first write:
// the whole turn's I/O (every socket's lines, every HTTP answer) then lands in it.
import type { Defer, SqlDb } from './ports';

/** One write: statements run on the shared transaction, so they must not open one of their own. */
export type WriteUnit<T> = (tx: SqlDb) => Promise<T>;

/** Runs a write durably: its promise resolves only once the write is committed. */
export interface Writes {
  submit<T>(unit: WriteUnit<T>): Promise<T>;
}

interface Queued {
  readonly unit: WriteUnit<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class WriteBatcher implements Writes {
  private readonly db: SqlDb;
  private readonly maxBatch: number;
  private readonly defer: Defer;
  private queue: Queued[] = [];
  /** A batch is scheduled or running: the next write joins the queue it will take. */
  private busy = false;

  /** `maxBatch` bounds one transaction, so a huge backlog never holds the write lock for long. */
  constructor(db: SqlDb, maxBatch: number, defer: Defer) {
    this.db = db;
    this.maxBatch = maxBatch;
    this.defer = defer;
  }

  /** Writes waiting for their transaction (a gauge for tests and health). */
  get waiting(): number {
    return this.queue.length;
  }

  submit<T>(unit: WriteUnit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    this.defer(() => {
      void this.runBatch().finally(() => {
        this.busy = false;
        this.schedule();
      });
    });
  }

  private async runBatch(): Promise<void> {
    let batch: Queued[] = [];
    try {
      const results = await this.db.transaction(async (tx) => {
        // Taken once the lock is ours: everything that arrived while we waited for it rides along.
        batch = this.queue.splice(0, this.maxBatch);
        const values: unknown[] = [];
        for (const item of batch) values.push(await item.unit(tx));
        return values;
      });
      batch.forEach((item, index) => item.resolve(results[index]));
    } catch (error) {
      if (batch.length === 0) {
        // BEGIN itself failed (another process holds the lock): nothing ran, every waiter hears why.
        for (const item of this.queue.splice(0, this.maxBatch)) item.reject(error);
      } else if (batch.length === 1) {
        batch[0]!.reject(error);
      } else {
        // The whole batch rolled back: run each write alone, so one bad write fails only itself.
        await this.runSingly(batch);
      }
    }
  }

  private async runSingly(batch: readonly Queued[]): Promise<void> {
    for (const item of batch) {
      try {
        item.resolve(await this.db.transaction((tx) => item.unit(tx)));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
