// The phone's SMS store (READ_SMS) and the receiver's recovery ledger (SmsgwInbox) as test doubles: the
// store keeps every SMS with a growing row id; the ledger keeps captures in a FakeInbox plus their
// unpaired copies, and applies a settlement all or nothing, as the native transaction does.
import type {
  RecoveryLedger,
  RecoverySettlement,
  SmsStoreReader,
  StoreSms,
  UnpairedCapture,
} from '../../src/services/native-ports';
import { FakeInbox } from './fake-inbox';

export type NewStoreSms = Omit<StoreSms, 'storeId'>;

let next = 0;

/** A distinct SMS each call (sender, text and SMSC time), received at `receivedAt`. */
export function storeSms(overrides: Partial<NewStoreSms> = {}): NewStoreSms {
  next++;
  return {
    sender: `+46702${String(next).padStart(6, '0')}`,
    body: `store message ${next}`,
    smscTimestamp: Date.UTC(2025, 5, 15, 11, 0, 0) + next * 1000,
    simSlot: 0,
    receivedAt: Date.UTC(2025, 5, 15, 11, 0, 1) + next * 1000,
    ...overrides,
  };
}

export class FakeSmsStore implements SmsStoreReader {
  readonly rows: StoreSms[] = [];
  /** Every `after` call, in order: a test counts pages. */
  readonly reads: { afterId: number; limit: number }[] = [];
  /** When set, every read rejects with it (READ_SMS revoked, provider gone). */
  failRead: Error | null = null;
  private lastId = 0;

  /** Stores these SMS with the next row ids; returns them as stored. */
  add(...sms: NewStoreSms[]): StoreSms[] {
    return sms.map((one) => {
      const row = { ...one, storeId: ++this.lastId };
      this.rows.push(row);
      return row;
    });
  }

  /** Deletes the newest rows, as a person deleting SMS does; their ids are taken again, as Android's table does. */
  deleteNewest(count: number): void {
    this.rows.splice(-count, count);
    this.lastId = this.rows.at(-1)?.storeId ?? 0;
  }

  async after(afterId: number, limit: number): Promise<StoreSms[]> {
    if (this.failRead) throw this.failRead;
    this.reads.push({ afterId, limit });
    return this.rows.filter((row) => row.storeId > afterId).slice(0, limit);
  }

  async newestId(): Promise<number> {
    if (this.failRead) throw this.failRead;
    return this.rows.at(-1)?.storeId ?? 0;
  }
}

export class FakeRecoveryLedger implements RecoveryLedger {
  readonly inbox: FakeInbox;
  checkpointValue: number | null = null;
  unpairedCaptures: UnpairedCapture[] = [];
  /** Settlements applied, in order. */
  readonly settlements: RecoverySettlement[] = [];
  /** When set, the next settle() rejects with it and changes nothing. */
  failNextSettle: Error | null = null;
  private readonly now: () => number;
  private lastSeq = 0;

  constructor(inbox = new FakeInbox(), now: () => number = () => Date.UTC(2025, 5, 15, 12, 0, 0)) {
    this.inbox = inbox;
    this.now = now;
  }

  /** The receiver: commits a broadcast's SMS to the inbox and keeps it unpaired; returns its captureSeq. */
  capture(sms: Pick<StoreSms, 'sender' | 'body' | 'smscTimestamp'> & Partial<StoreSms>): number {
    const captureSeq = this.nextSeq();
    const { sender, body, smscTimestamp } = sms;
    this.inbox.add({
      id: captureSeq,
      sender,
      body,
      parts: 1,
      smscTimestamp,
      simSlot: sms.simSlot ?? 0,
      receivedAt: this.now(),
    });
    this.unpairedCaptures.push({ captureSeq, sender, body, smscTimestamp });
    return captureSeq;
  }

  async checkpoint(): Promise<number | null> {
    return this.checkpointValue;
  }

  async startAt(storeId: number): Promise<void> {
    this.checkpointValue = storeId;
  }

  async unpaired(limit: number): Promise<UnpairedCapture[]> {
    return this.unpairedCaptures.slice(0, limit);
  }

  async settle(settlement: RecoverySettlement): Promise<void> {
    const failure = this.failNextSettle;
    this.failNextSettle = null;
    if (failure) throw failure;
    const paired = new Set(settlement.paired);
    this.unpairedCaptures = this.unpairedCaptures.filter((capture) => !paired.has(capture.captureSeq));
    for (const row of settlement.missing) {
      const { sender, body, smscTimestamp, simSlot } = row;
      const parts = row.parts ?? 1;
      this.inbox.add({ id: this.nextSeq(), sender, body, parts, smscTimestamp, simSlot, receivedAt: this.now() });
    }
    this.checkpointValue = settlement.checkpoint;
    this.settlements.push(settlement);
  }

  /** Like AUTOINCREMENT: never below an id the inbox holds, never reused. */
  private nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq, ...this.inbox.rows.keys()) + 1;
    return this.lastSeq;
  }
}
