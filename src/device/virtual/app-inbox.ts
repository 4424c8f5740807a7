// The app's native inbox, as the Kotlin receiver keeps it on a phone: SMS committed here before the
// received-SMS broadcast is acknowledged, then moved into the engine by the same `drainInbox` the
// phone runs. A row's id is its capture sequence (hence its messageId), never reused. Each capture is
// also kept as unpaired until the app's recovery scan (`recoverMissedSms`, shared with the phone)
// pairs it with its SMS-store row; store rows no capture pairs with come back in here once.
import Database from 'better-sqlite3';
import type {
  InboxRow,
  NativeInbox,
  RecoveryLedger,
  RecoverySettlement,
  UnpairedCapture,
} from '../../../android-app/src/services/native-ports';
import type { NewSms } from './sms-store';

export interface AppInbox extends NativeInbox, RecoveryLedger {
  /** Commits these broadcasts' SMS as captures, in one transaction: what the app has taken responsibility for. */
  capture(sms: readonly NewSms[]): void;
  /** Rows not yet moved into the engine. */
  size(): number;
  close(): void;
}

const schema = `
CREATE TABLE IF NOT EXISTS captures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  parts INTEGER NOT NULL,
  smsc_timestamp INTEGER NOT NULL,
  sim_slot INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS unpaired (
  capture_seq INTEGER PRIMARY KEY,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  smsc_timestamp INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS recovery_checkpoint (only INTEGER PRIMARY KEY CHECK (only = 1), store_id INTEGER);
INSERT OR IGNORE INTO recovery_checkpoint (only, store_id) VALUES (1, NULL);
`;

/**
 * Files from before captures had their own sequence keyed the inbox by the store's row id and kept a
 * checkpoint beside it: their rows keep that id as their capture sequence (so their messageIds do not
 * change), the checkpoint carries over, so nothing is recovered twice, and new captures number past
 * every id already drained, so no capture sequence is used twice.
 */
const fromStoreKeyedInbox = `
INSERT INTO captures (id, sender, body, parts, smsc_timestamp, sim_slot, received_at)
  SELECT store_id, sender, body, parts, smsc_timestamp, sim_slot, received_at FROM inbox;
UPDATE recovery_checkpoint SET store_id = (SELECT store_id FROM checkpoint WHERE only = 1);
DELETE FROM sqlite_sequence WHERE name = 'captures';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'captures', MAX(COALESCE((SELECT store_id FROM checkpoint WHERE only = 1), 0), COALESCE(MAX(id), 0))
    FROM captures;
DROP TABLE inbox;
DROP TABLE checkpoint;
`;

const rowColumns = `id, sender, body, parts, smsc_timestamp AS smscTimestamp, sim_slot AS simSlot, received_at AS receivedAt`;

class SqliteAppInbox implements AppInbox {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertUnpaired: Database.Statement;
  private readonly pair: Database.Statement;
  private readonly setCheckpoint: Database.Statement;
  private readonly readCheckpoint: Database.Statement;
  private readonly readUnpaired: Database.Statement;
  private readonly count: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: the receiver acknowledges only what survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.migrate();
    this.insert = this.db.prepare(
      'INSERT INTO captures (sender, body, parts, smsc_timestamp, sim_slot, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertUnpaired = this.db.prepare(
      'INSERT INTO unpaired (capture_seq, sender, body, smsc_timestamp) VALUES (?, ?, ?, ?)',
    );
    this.pair = this.db.prepare('DELETE FROM unpaired WHERE capture_seq = ?');
    this.setCheckpoint = this.db.prepare('UPDATE recovery_checkpoint SET store_id = ? WHERE only = 1');
    this.readCheckpoint = this.db.prepare('SELECT store_id AS id FROM recovery_checkpoint WHERE only = 1');
    this.readUnpaired = this.db.prepare(
      `SELECT capture_seq AS captureSeq, sender, body, smsc_timestamp AS smscTimestamp
         FROM unpaired ORDER BY capture_seq LIMIT ?`,
    );
    this.count = this.db.prepare('SELECT COUNT(*) AS n FROM captures');
    this.oldest = this.db.prepare(`SELECT ${rowColumns} FROM captures ORDER BY id LIMIT ?`);
    this.remove = this.db.prepare('DELETE FROM captures WHERE id = ?');
  }

  private migrate(): void {
    this.db.transaction(() => {
      const storeKeyed = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inbox'").get();
      this.db.exec(schema);
      if (storeKeyed) this.db.exec(fromStoreKeyedInbox);
    })();
  }

  capture(sms: readonly NewSms[]): void {
    if (sms.length === 0) return;
    const now = Date.now();
    this.db.transaction(() => {
      for (const one of sms) {
        const { lastInsertRowid } = this.insert.run(
          one.sender,
          one.body,
          one.parts,
          one.smscTimestamp,
          one.simSlot,
          now,
        );
        this.insertUnpaired.run(lastInsertRowid, one.sender, one.body, one.smscTimestamp);
      }
    })();
  }

  async checkpoint(): Promise<number | null> {
    return (this.readCheckpoint.get() as { id: number | null }).id;
  }

  async startAt(storeId: number): Promise<void> {
    this.setCheckpoint.run(storeId);
  }

  async unpaired(limit: number): Promise<UnpairedCapture[]> {
    return this.readUnpaired.all(limit) as UnpairedCapture[];
  }

  async settle({ paired, missing, checkpoint }: RecoverySettlement): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      for (const captureSeq of paired) this.pair.run(captureSeq);
      for (const row of missing)
        this.insert.run(row.sender, row.body, row.parts ?? 1, row.smscTimestamp, row.simSlot, now);
      this.setCheckpoint.run(checkpoint);
    })();
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
