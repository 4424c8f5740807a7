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
