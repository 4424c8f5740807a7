// What the harness needs of a device, whatever it is: a virtual one here, an emulator or a phone later.
import type { Health } from '../../../android-app/src/engine/types';
import type { ChaosAction, DeviceKind } from '../../scenario/device-kinds';

export type { ChaosAction, DeviceKind } from '../../scenario/device-kinds';
export { chaosActionsOf } from '../../scenario/device-kinds';

export interface DeviceHealth {
  readonly engine: Health;
  /** Resident set size of the app's process, bytes; null when the device cannot tell. */
  readonly rssBytes: number | null;
  /**
   * SMS the app has taken from the phone but not yet into the engine's queue (its inbox), where the
   * device can tell: a drain is over only when this and the queue are both empty.
   */
  readonly backlog?: number;
}

export interface Device {
  readonly kind: DeviceKind;
  /** Short name for progress lines and reports, e.g. `virtual:5554`. */
  readonly label: string;
  /** TCP port of the emulator console on 127.0.0.1. */
  readonly consolePort: number;
  /** Base URL of the device's health endpoint, when it has one. */
  readonly healthUrl: string | null;
  health(): Promise<DeviceHealth>;
  /**
   * Peak resident memory of the app's process(es) over the run so far, read by this machine from the
   * kernel (VmHWM), not from the app's own report, so a peak between two samples still counts; null
   * when it cannot be read. Includes processes already killed and restarted.
   */
  peakRssBytes(): Promise<number | null>;
  /**
   * Resident memory now (VmRSS) of each of the device's processes by name (`radio`, `app`), read by
   * this machine from the kernel; a process not running is left out. Absent where this machine cannot
   * read the device's /proc.
   */
  residentBytes?(): Promise<Readonly<Record<string, number>>>;
  /** Turns the device's network off or on (chaos): the engine sees it through its NetworkStatus port. */
  setNetwork(online: boolean): Promise<void>;
  /**
   * Power loss: everything the device runs dies at once (on the virtual device the radio and the app),
   * no cleanup, no drain. Its files survive: the SMS store, the app's inbox and queue.
   */
  kill(): Promise<void>;
  /** Boots the device again after `kill()`, on the same files and the same console port; the app starts as at boot. */
  restart(): Promise<void>;
  /**
   * SIGKILLs the app's process alone: the radio keeps answering the console, restarts the app on the
   * next SMS, and otherwise after `restartAfterMs` (WorkManager's part on a phone). Absent where the
   * device cannot (see `chaosActions`).
   */
  killApp?(options: { readonly restartAfterMs: number }): Promise<void>;
  /** Force-stops the app: dead, and no broadcast starts it, until `openApp()`. */
  forceStopApp?(): Promise<void>;
  /** Opens the app again after a force stop, as a person tapping its icon would. */
  openApp?(): Promise<void>;
  /**
   * Forces Doze (true) or ends it (false): the app's background work (sends, retries) runs only in
   * maintenance windows, and it has no network outside them; SMS broadcasts still reach it. Absent
   * where the device cannot.
   */
  setDoze?(dozing: boolean): Promise<void>;
  /** The chaos actions this device can take; a scenario asking for another fails before its load starts. */
  readonly chaosActions: readonly ChaosAction[];
  /** Fills the app's storage so SQLite answers SQLITE_FULL (true), or frees it again (false). */
  setDiskFull(full: boolean): Promise<void>;
  /** The app's SQLite file when this machine can open it (the virtual device's), for `db: locked`; null otherwise. */
  readonly databasePath: string | null;
  /** Stops the device gracefully: in-flight sends finish, then it exits. */
  stop(): Promise<void>;
  /**
   * Tells `listener` if the app's process ends without being asked to (a crash, a kill from outside),
   * never for `kill()` or `stop()`. Only where this machine owns the process (the virtual device).
   */
  onLost?(listener: (reason: string) => void): void;
}
