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
  /** The subscription (SIM profile) id the broadcast named; null or absent when it named none. */
  readonly subscriptionId?: number | null;
  /** The receiving SIM's own number, where the phone let the app read it; null or absent otherwise. */
  readonly receivedOn?: string | null;
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
  /** A WorkManager one-off that runs the headless task now, whatever the network says (the user's "Retry now"). */
  scheduleRetryNow(): Promise<void>;
  /** The 15 min WorkManager periodic job; idempotent (KEEP policy on the native side). */
  schedulePeriodic(): Promise<void>;
  /**
   * A WorkManager one-off that runs the headless task at `epochMs` (at once, expedited, when that is
   * not in the future); it replaces the one asked for before, so the latest pass's word wins.
   */
  scheduleRetryAt(epochMs: number): Promise<void>;
  /** A WorkManager one-off that runs the headless task once the network is back. */
  scheduleWhenOnline(): Promise<void>;
  /**
   * How a background pass left the queue: the WorkManager run that started it retries with backoff
   * when `undelivered`, and the foreground notice ("Forwarding N SMS to your server") shows while
   * the backlog drains and goes when it is empty.
   */
  reportPass(report: PassReport): Promise<void>;
  /** Whether the APK's network security config lets plain http reach `host` (cleartext-policy.ts). */
  isCleartextTrafficPermitted(host: string): Promise<boolean>;
}

/** What a background pass tells the native side at its end. */
export interface PassReport {
  /** Messages still queued. */
  readonly backlog: number;
  /** Due work the pass could not deliver: the run failed, and WorkManager's backoff applies. */
  readonly undelivered: boolean;
  /** When the next pass is scheduled (scheduleRetryAt), or null when none is. */
  readonly retryAt: number | null;
}

export type AppPermission = 'receive-sms' | 'notifications';

/**
 * Android's answer to a permission request, as PermissionsAndroid gives it. `never_ask_again`: refused
 * and Android will show no dialog for it any more (the user chose so, or refused twice, or, on Android
 * 15+, the app was installed from an APK file and the permission is a restricted setting); only the
 * app's page in the system settings can grant it then.
 */
export type PermissionAnswer = 'granted' | 'denied' | 'never_ask_again';

export interface PermissionsPort {
  /** Permissions the app needs and does not have (notifications only from Android 13, API 33). */
  missing(): Promise<AppPermission[]>;
  /** Asks for one permission; resolves with Android's answer. */
  request(permission: AppPermission): Promise<PermissionAnswer>;
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
