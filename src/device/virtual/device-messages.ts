// What the virtual phone's processes say to each other, over Node's IPC channel of the process that
// spawned them (a pipe: no port, no file, gone with either side).
//
//   harness ──spawns──► radio (`smsgw device`) ──spawns──► app (`smsgw device-app`)
//
// The radio and the app talk as Android and an app do: received-SMS broadcasts one way, the
// receiver's acknowledgement and SMS-store queries the other. The harness speaks only to the radio,
// and only for chaos (kill or force-stop the app, open it again, Doze).
import type { DeviceConditions } from './device-conditions';
import type { NewSms, StoredSms } from './sms-store';

/** Radio → app. */
export type RadioToApp =
  /**
   * The received-SMS broadcast: delivered once, to the app instance that is running. Like Android's,
   * it carries the SMS but not its SMS-store row id; `broadcastId` only names the broadcast.
   */
  | { readonly type: 'sms'; readonly broadcastId: number; readonly sms: NewSms }
  /** The phone's link and Doze, whenever they change and again once the app's receiver is registered. */
  | { readonly type: 'conditions'; readonly conditions: DeviceConditions }
  /** The answer to a `scan`: the page asked for, and the store's newest row id. */
  | {
      readonly type: 'scanned';
      readonly requestId: number;
      readonly rows: readonly StoredSms[];
      readonly newestId: number;
    };

/** App → radio. */
export type AppToRadio =
  /**
   * The app's receiver is registered: broadcasts may come. Sent before the recovery scan, so every
   * broadcast held for a starting app reaches it before the scan's first answer.
   */
  | { readonly type: 'receiving' }
  /** The app is up (its recovery scan done, /health open). */
  | { readonly type: 'ready'; readonly healthPort: number }
  /** The receiver committed these broadcasts' SMS to its inbox: the broadcasts are acknowledged. */
  | { readonly type: 'received'; readonly broadcastIds: readonly number[] }
  /** Reads the SMS store after `afterId` (the app's recovery scan; READ_SMS on a phone). */
  | { readonly type: 'scan'; readonly requestId: number; readonly afterId: number; readonly limit: number };

export type AppControl =
  | { readonly action: 'kill-app'; readonly restartAfterMs: number }
  | { readonly action: 'force-stop' }
  | { readonly action: 'open-app' }
  /** Doze on or off: the phone's, so the radio keeps it and a restarted app dozes on. */
  | { readonly action: 'doze'; readonly dozing: boolean };

/** Harness → radio. */
export type HarnessToRadio = { readonly type: 'control'; readonly requestId: number } & AppControl;

/** Radio → harness. */
export type RadioToHarness =
  | { readonly type: 'done'; readonly requestId: number; readonly error?: string }
  /** A new app process is running (at boot, on a broadcast, after a restart delay, when opened). */
  | { readonly type: 'app-started'; readonly pid: number }
  /** Broadcasts started (`pending` > 0) or stopped (0) waiting for the app's receiver. */
  | { readonly type: 'broadcasts'; readonly pending: number }
  /** The app's process ended; `asked` when a chaos step or a stop did it. */
  | { readonly type: 'app-exited'; readonly pid: number; readonly how: string; readonly asked: boolean };

/** One end of an IPC channel: what this side sends, what it hears. */
export interface IpcLink<Out, In> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

/** The app's end of its channel to the radio. */
export type RadioLink = IpcLink<AppToRadio, RadioToApp>;

/** The radio's end of its channel to the harness. */
export type HarnessLink = IpcLink<RadioToHarness, HarnessToRadio>;

/** This process's channel to the process that spawned it, when it was spawned with one. */
function parentLink<Out, In>(): IpcLink<Out, In> | undefined {
  if (!process.send) return undefined;
  return {
    send: (message) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => void process.on('message', listener),
  };
}

/** In the app process: its channel to the radio. */
export const radioLinkOfParent = (): RadioLink | undefined => parentLink<AppToRadio, RadioToApp>();

/** In the radio process: its channel to the harness, when a harness spawned it. */
export const harnessLinkOfParent = (): HarnessLink | undefined => parentLink<RadioToHarness, HarnessToRadio>();
