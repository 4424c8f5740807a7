// What each chaos step does to the device, from its first timeline note to its last: cut its power
// and boot it again, kill its app, force-stop the app and open it again, switch its network off and
// on, slow its link or cut its mobile data through its console, put it in Doze and wake it, fill its
// disk, lock its database from this process.
import type { ChaosStep } from '../scenario/index';
import type { Device } from '../device/core/device';
import type { ReconnectingConsole } from '../injection/reconnecting-console';
import { lockDatabase } from './db-lock';

/**
 * The windows steps hold open (app force-stopped, network off or slowed, Doze, disk full, database locked): each lasts
 * its time, or ends early once cancelled, so Ctrl-C still opens the app, turns the network back on,
 * frees the disk and unlocks.
 */
export class StepWindows {
  private cancelled = false;
  private readonly wakers = new Set<() => void>();

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Resolves after `ms`, or at once when cancelled. */
  last(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.cancelled) return resolve();
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Ends every open window now, and every later one as soon as it opens. */
  cancel(): void {
    this.cancelled = true;
    for (const wake of [...this.wakers]) wake();
  }
}

/** What a step acts on, and where it notes what it did. */
export interface StepTarget {
  readonly device: Device;
  /**
   * The injector's console: dropped while the device is off, reopened once it is back. Only a power
   * loss cuts the line (which is what leaves an SMS in doubt); a killed or stopped app leaves the
   * radio answering it.
   */
  readonly injectorConsole: Pick<ReconnectingConsole, 'suspend' | 'resume' | 'abandon' | 'command'>;
  readonly windows: StepWindows;
  readonly note: (event: string) => void;
}

async function killAndRestart({ device, injectorConsole, note }: StepTarget): Promise<void> {
  note('device killed (SIGKILL)');
  injectorConsole.suspend();
  try {
    await device.kill();
    await device.restart();
    await injectorConsole.resume(device.consolePort);
  } catch (error) {
    // Sends held for the restart would wait for a device that is not coming back.
    injectorConsole.abandon(error);
    throw error;
  }
  note('device restarted on the same database');
}

/** SIGKILLs the app alone: the radio keeps the console line and starts the app again (next SMS, or after the delay). */
async function killApp({ device, note }: StepTarget, restartAfterMs: number): Promise<void> {
  if (device.killApp === undefined) throw new Error(`${device.label} cannot kill its app alone`);
  note('app killed (SIGKILL)');
  await device.killApp({ restartAfterMs });
}

/** Force-stops the app for the window, then opens it again, also when the run is cancelled mid-window. */
async function forceStopApp({ device, windows, note }: StepTarget, forMs: number): Promise<void> {
  const { forceStopApp: forceStop, openApp } = device;
  if (forceStop === undefined || openApp === undefined)
    throw new Error(`${device.label} cannot force-stop its app and open it again`);
  note(`app force-stopped for ${forMs} ms`);
  await forceStop.call(device);
  try {
    await windows.last(forMs);
  } finally {
    await openApp.call(device);
  }
  note('app opened again');
}

async function networkOff({ device, windows, note }: StepTarget, forMs: number): Promise<void> {
  note(`network off for ${forMs} ms`);
  await device.setNetwork(false);
  await windows.last(forMs);
  await device.setNetwork(true);
  note('network on');
}

/** The link's latency or bandwidth through the device's console, as on an emulator, then back to the emulator's default. */
async function shapeLink(
  { injectorConsole, windows, note }: StepTarget,
  setting: 'delay' | 'speed',
  value: string,
  forMs: number,
): Promise<void> {
  const normal = setting === 'delay' ? 'none' : 'full';
  await injectorConsole.command(`network ${setting} ${value}`);
  note(`network ${setting} ${value} for ${forMs} ms`);
  try {
    await windows.last(forMs);
  } finally {
    await injectorConsole.command(`network ${setting} ${normal}`);
  }
  note(`network ${setting} ${normal}`);
}

/** Mobile data unregistered through the console (`gsm data off`), then registered again. */
async function gsmDataOff({ injectorConsole, windows, note }: StepTarget, forMs: number): Promise<void> {
  await injectorConsole.command('gsm data off');
  note(`gsm data off for ${forMs} ms`);
  try {
    await windows.last(forMs);
  } finally {
    await injectorConsole.command('gsm data on');
  }
  note('gsm data on');
}

/** Doze for the window, then awake again, also when the run is cancelled mid-window. */
async function doze({ device, windows, note }: StepTarget, forMs: number): Promise<void> {
  const { setDoze } = device;
  if (setDoze === undefined) throw new Error(`${device.label} cannot doze`);
  await setDoze.call(device, true);
  note(`doze on for ${forMs} ms`);
  try {
    await windows.last(forMs);
  } finally {
    await setDoze.call(device, false);
  }
  note('doze off');
}

async function diskFull({ device, windows, note }: StepTarget, forMs: number): Promise<void> {
  note(`disk full for ${forMs} ms`);
  await device.setDiskFull(true);
  try {
    await windows.last(forMs);
  } finally {
    await device.setDiskFull(false);
  }
  note('disk space freed');
}

async function databaseLocked({ device, windows, note }: StepTarget, forMs: number): Promise<void> {
  if (device.databasePath === null) throw new Error(`${device.label} has no database file this machine can open`);
  const lock = await lockDatabase(device.databasePath);
  note(`database locked by another process for ${forMs} ms`);
  try {
    await windows.last(forMs);
  } finally {
    lock.release();
  }
  note('database unlocked');
}

/** Runs one step to its end; a step whose time comes after a cancel does nothing. */
export async function performStep(step: ChaosStep, target: StepTarget): Promise<void> {
  if (target.windows.isCancelled) return;
  const { action } = step;
  if (action.kind === 'kill')
    return action.target === 'app' ? killApp(target, action.restartAfterMs) : killAndRestart(target);
  if (action.kind === 'force-stop') return forceStopApp(target, action.forMs);
  if (action.kind === 'network') return networkOff(target, action.forMs);
  if (action.kind === 'link') return shapeLink(target, action.setting, action.value, action.forMs);
  if (action.kind === 'gsm') return gsmDataOff(target, action.forMs);
  if (action.kind === 'doze') return doze(target, action.forMs);
  if (action.kind === 'disk') return diskFull(target, action.forMs);
  return databaseLocked(target, action.forMs);
}
