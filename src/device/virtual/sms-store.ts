// The phone's SMS store, kept by the radio: every SMS the console took is committed here before the
// console answers OK, whatever the app is doing. On a phone this is the telephony provider the app can
// read back (with READ_SMS); here the app reads it back through the radio to recover what it missed.
import Database from 'better-sqlite3';
import type { StoreSms } from '../../../android-app/src/services/native-ports';

/** One SMS of the store, with its row id, when it was stored and its PDU count. */
export type StoredSms = StoreSms & { readonly parts: number };

/**
 * An SMS as the radio hands it to the store, and as its received-SMS broadcast carries it: no store
 * row id, as on Android, so the app's recovery scan pairs captures with store rows by content.
 */
export type NewSms = Omit<StoredSms, 'storeId' | 'receivedAt'>;

export interface SmsStore {
  /** Resolves once the SMS is committed (fsynced), with its row id; SMS arriving meanwhile share the commit. */
  put(sms: NewSms): Promise<StoredSms>;
  /** Up to `limit` SMS stored after `afterId`, oldest first. */
  since(afterId: number, limit: number): StoredSms[];
  /** The highest row id; 0 while empty. */
  newestId(): number;
  close(): void;
}

interface Waiting {
  readonly sms: NewSms;
  readonly resolve: (stored: StoredSms) => void;
  readonly reject: (error: unknown) => void;
}

const schema = `CREATE TABLE IF NOT EXISTS sms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  parts INTEGER NOT NULL,
  smsc_timestamp INTEGER NOT NULL,
  sim_slot INTEGER NOT NULL,
  received_at INTEGER NOT NULL
)`;

class SqliteSmsStore implements SmsStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly newest: Database.Statement;
  private waiting: Waiting[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL fsyncs every commit: an SMS the console acknowledged survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
    this.insert = this.db.prepare(
      'INSERT INTO sms (sender, body, parts, smsc_timestamp, sim_slot, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.select = this.db.prepare(
      `SELECT id AS storeId, sender, body, parts, smsc_timestamp AS smscTimestamp, sim_slot AS simSlot,
              received_at AS receivedAt
         FROM sms WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.newest = this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM sms');
  }

  put(sms: NewSms): Promise<StoredSms> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.commit());
      this.waiting.push({ sms, resolve, reject });
    });
  }

  /** One transaction for every SMS that arrived in the same turn: one fsync for a pipelined burst. */
  private commit(): void {
    const batch = this.waiting;
    this.waiting = [];
    const receivedAt = Date.now();
    try {
      const ids = this.db.transaction(() =>
        batch.map(({ sms }) =>
          Number(
            this.insert.run(sms.sender, sms.body, sms.parts, sms.smscTimestamp, sms.simSlot, receivedAt)
              .lastInsertRowid,
          ),
        ),
      )();
      batch.forEach(({ sms, resolve }, index) => resolve({ ...sms, storeId: ids[index]!, receivedAt }));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  since(afterId: number, limit: number): StoredSms[] {
    return this.select.all(afterId, limit) as StoredSms[];
  }

  newestId(): number {
    return (this.newest.get() as { id: number }).id;
  }

  close(): void {
    if (this.waiting.length > 0) this.commit();
    this.db.close();
  }
}

export function openSmsStore(path: string): SmsStore {
  return new SqliteSmsStore(path);
}
