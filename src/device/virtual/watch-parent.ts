// A device spawned by the harness must not outlive it: a SIGKILLed harness runs no teardown, and an
// orphaned device would keep its ports, its database and its webhook traffic. When the parent dies
// the child is re-parented (to init or a subreaper), so a changed `ppid` means the harness is gone.
import { virtualDeviceDefaults } from './defaults';

export interface WatchParentOptions {
  /** Reads the current parent pid (default: `process.ppid`); injected by tests. */
  readonly ppid?: () => number;
  /** Default `virtualDeviceDefaults.parentPollMs`. */
  readonly everyMs?: number;
}

/** Calls `onOrphaned` once when the parent this process started with is gone; returns a stop function. */
export function watchParent(onOrphaned: () => void, options: WatchParentOptions = {}): () => void {
  const ppid = options.ppid ?? (() => process.ppid);
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, options.everyMs ?? virtualDeviceDefaults.parentPollMs);
  // The watch alone must not keep a finished device alive.
  timer.unref();
  return () => clearInterval(timer);
}
