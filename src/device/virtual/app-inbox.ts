// The app's native inbox, as the Kotlin receiver keeps it on a phone: SMS committed here before the
// received-SMS broadcast is acknowledged, then moved into the engine by the same `drainInbox` the
// phone runs. Keyed by the SMS store's row id, so an SMS that arrives twice (by broadcast and by a
// recovery scan) is one row, and its capture sequence (hence its messageId) never changes.
import Database from 'better-sqlite3';
import type { InboxRow, NativeInbox } from '../../../android-app/src/services/native-ports';
import type { StoredSms } from './sms-store';

export interface AppInbox extends NativeInbox {
  /**
   * Commits these SMS and moves the checkpoint to the highest of them, in one transaction: what the
   * app has taken responsibility for, and where its next recovery scan starts.
   */
  commit(rows: readonly StoredSms[]): void;
  /** Moves the checkpoint alone (a receiver that acknowledges before committing does this first). */
  advanceCheckpoint(toId: number): void;
  /** The highest SMS store row id the app has taken responsibility for; 0 before the first. */
  checkpoint(): number;
  /** Rows not yet moved into the engine. */
  size(): number;
  close(): void;
}

const schema = `
CREATE TABLE IF NOT EXISTS inbox (
  store_id INTEGER PRIMARY KEY,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  parts INTEGER NOT NULL,
  smsc_timestamp INTEGER NOT NULL,
  sim_slot INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint (only INTEGER PRIMARY KEY CHECK (only = 1), store_id INTEGER NOT NULL);
INSERT OR IGNORE INTO checkpoint (only, store_id) VALUES (1, 0);
`;

class SqliteAppInbox implements AppInbox {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly advance: Database.Statement;
  private readonly readCheckpoint: Database.Statement;
  private readonly count: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: the receiver acknowledges only what survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO inbox (store_id, sender, body, parts, smsc_timestamp, sim_slot, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.advance = this.db.prepare('UPDATE checkpoint SET store_id = MAX(store_id, ?) WHERE only = 1');
    this.readCheckpoint = this.db.prepare('SELECT store_id AS id FROM checkpoint WHERE only = 1');
    this.count = this.db.prepare('SELECT COUNT(*) AS n FROM inbox');
    this.oldest = this.db.prepare(
      `SELECT store_id AS id, sender, body, parts, smsc_timestamp AS smscTimestamp, sim_slot AS simSlot,
              received_at AS receivedAt
         FROM inbox ORDER BY store_id LIMIT ?`,
    );
    this.remove = this.db.prepare('DELETE FROM inbox WHERE store_id = ?');
  }

  commit(rows: readonly StoredSms[]): void {
    if (rows.length === 0) return;
    const now = Date.now();
    this.db.transaction(() => {
      for (const row of rows)
        this.insert.run(row.id, row.sender, row.body, row.parts, row.smscTimestamp, row.simSlot, now);
      this.advance.run(Math.max(...rows.map((row) => row.id)));
    })();
  }

  advanceCheckpoint(toId: number): void {
    this.advance.run(toId);
  }

  checkpoint(): number {
    return (this.readCheckpoint.get() as { id: number }).id;
  }

  size(): number {
    return (this.count.get() as { n: number }).n;
  }

  async pending(limit: number): Promise<InboxRow[]> {
    return this.oldest.all(limit) as InboxRow[];
  }

  async acknowledge(ids: number[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.remove.run(id);
    })();
  }

  close(): void {
    this.db.close();
  }
}

export function openAppInbox(path: string): AppInbox {
  return new SqliteAppInbox(path);
}
