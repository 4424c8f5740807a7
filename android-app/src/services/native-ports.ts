// The contracts of the Kotlin side (android/…/SmsgwInboxModule, SmsgwSystemModule), as TypeScript.
// Only native-modules.ts touches NativeModules; everything else takes these interfaces, so tests use fakes.

/** One SMS the receiver made durable, multipart already joined. */
export interface InboxRow {
  /** The native inbox's row id: the capture sequence, so a re-drain yields the same messageId. */
  readonly id: number;
  readonly sender: string;
  readonly body: string;
  readonly parts: number;
  readonly smscTimestamp: number;
  readonly simSlot: number;
  readonly receivedAt: number;
}

export interface NativeInbox {
  /** The oldest rows not yet acknowledged, at most `limit`. */
  pending(limit: number): Promise<InboxRow[]>;
  /** Deletes these rows: call only after the engine committed them. */
  acknowledge(ids: number[]): Promise<void>;
}

export interface NativeSystem {
  isIgnoringBatteryOptimizations(): Promise<boolean>;
  requestIgnoreBatteryOptimizations(): Promise<void>;
  /** A WorkManager one-off that runs the headless task now (network required). */
  scheduleRetryNow(): Promise<void>;
  /** The 15 min WorkManager periodic job; idempotent (KEEP policy on the native side). */
  schedulePeriodic(): Promise<void>;
}

export type AppPermission = 'receive-sms' | 'notifications';

export interface PermissionsPort {
  /** Permissions the app needs and does not have. */
  missing(): Promise<AppPermission[]>;
  /** Asks for the missing ones; resolves with what is still missing afterwards. */
  request(): Promise<AppPermission[]>;
}

/**
 * One SMS in the phone's own SMS store: on Android a row of the SMS inbox provider
 * (`content://sms/inbox`, read with READ_SMS); on the virtual phone a row of the radio's store. The
 * store keeps every SMS whatever happened to the app, which is what a recovery scan reads back.
 */
export interface StoreSms {
  /** The store's own row id: two identical SMS are two rows. */
  readonly storeId: number;
  readonly sender: string;
  /** The whole text, multipart already joined. */
  readonly body: string;
  readonly smscTimestamp: number;
  readonly simSlot: number;
  /** When the phone stored it, ms since the epoch. */
  readonly receivedAt: number;
  /** How many PDUs it came in, where the store knows (Android's provider does not: counted as 1). */
  readonly parts?: number;
}

export interface SmsStoreReader {
  /** Up to `limit` SMS with a store id above `afterId`, oldest first. */
  after(afterId: number, limit: number): Promise<StoreSms[]>;
  /** The highest store id there is; 0 for an empty store. */
  newestId(): Promise<number>;
}

/**
 * An SMS the receiver captured from a broadcast that no recovery scan has matched with its SMS-store
 * row yet. The broadcast does not carry the store's row id, so the scan pairs by content; kept after
 * the inbox row itself is drained.
 */
export interface UnpairedCapture {
  /** The inbox row id the receiver gave it (its captureSeq). */
  readonly captureSeq: number;
  readonly sender: string;
  readonly body: string;
  readonly smscTimestamp: number;
}

/** What a recovery scan settles about one page of the SMS store, in one transaction. */
export interface RecoverySettlement {
  /** Captures matched with their store rows: no longer unpaired. */
  readonly paired: readonly number[];
  /** Store rows no capture matched: inserted into the inbox as new captures (new captureSeq each). */
  readonly missing: readonly StoreSms[];
  /** Every store row up to this id is now paired or recovered. */
  readonly checkpoint: number;
}

/** The receiver's side of recovery, kept in the native inbox's database. */
export interface RecoveryLedger {
  /** The store id the next scan starts after; null before the first scan on this phone. */
  checkpoint(): Promise<number | null>;
  /** Sets the checkpoint without recovering anything (the first scan: older SMS are not ours). */
  startAt(storeId: number): Promise<void>;
  /** Captures not yet paired, oldest first, at most `limit`. */
  unpaired(limit: number): Promise<UnpairedCapture[]>;
  /** Pairs, inserts the missing SMS into the inbox and moves the checkpoint, all or nothing. */
  settle(settlement: RecoverySettlement): Promise<void>;
}
