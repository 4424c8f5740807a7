// The phone's SMS store, kept by the radio: every SMS the console took is committed here before the
// console answers OK, whatever the app is doing. On a phone this is the telephony provider the app can
// read back (with READ_SMS); here the app reads it back through the radio to recover what it missed.
import Database from 'better-sqlite3';
import type { InboxRow } from '../../../android-app/src/services/native-ports';

/**
 * One SMS of the store: the native inbox's row shape without its receipt time, since the store's own
 * row id is what the app's inbox keys it by (the one key that tells two identical SMS apart).
 */
export type StoredSms = Omit<InboxRow, 'receivedAt'>;

export type NewSms = Omit<StoredSms, 'id'>;

export interface SmsStore {
  /** Resolves once the SMS is committed (fsynced), with its row id; SMS arriving meanwhile share the commit. */
  put(sms: NewSms): Promise<StoredSms>;
  /** Up to `limit` SMS stored after `afterId`, oldest first. */
  since(afterId: number, limit: number): StoredSms[];
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
  sim_slot INTEGER NOT NULL
)`;

class SqliteSmsStore implements SmsStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private waiting: Waiting[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL fsyncs every commit: an SMS the console acknowledged survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
    this.insert = this.db.prepare(
      'INSERT INTO sms (sender, body, parts, smsc_timestamp, sim_slot) VALUES (?, ?, ?, ?, ?)',
    );
    this.select = this.db.prepare(
      'SELECT id, sender, body, parts, smsc_timestamp AS smscTimestamp, sim_slot AS simSlot FROM sms WHERE id > ? ORDER BY id LIMIT ?',
    );
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
    try {
      const ids = this.db.transaction(() =>
        batch.map(({ sms }) =>
          Number(this.insert.run(sms.sender, sms.body, sms.parts, sms.smscTimestamp, sms.simSlot).lastInsertRowid),
        ),
      )();
      batch.forEach(({ sms, resolve }, index) => resolve({ ...sms, id: ids[index]! }));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  since(afterId: number, limit: number): StoredSms[] {
    return this.select.all(afterId, limit) as StoredSms[];
  }

  close(): void {
    if (this.waiting.length > 0) this.commit();
    this.db.close();
  }
}

export function openSmsStore(path: string): SmsStore {
  return new SqliteSmsStore(path);
}
