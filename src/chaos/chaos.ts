// Chaos steps of a scenario, on a timer from the start of the load: kill and restart the device,
// switch its network off and on, fill its disk, lock its database from this process. Each step
// lands in the run's timeline.
import type { ChaosStep, LoadStep } from '../scenario/index';
import { describeChaosStep } from '../scenario/index';
import { totalDurationMs } from '../load/index';
import type { Device } from '../device/core/device';
import { SmsgwError } from '../errors';
import type { DeviceConsole } from '../injection/device-console';
import { lockDatabase } from './db-lock';

export interface TimelineEvent {
  /** Ms from the start of the load. */
  readonly atMs: number;
  readonly event: string;
}

export interface ChaosRun {
  /** Resolves once every step has run to its end (network back on, device restarted). */
  readonly done: Promise<void>;
  readonly timeline: readonly TimelineEvent[];
  /** Cancels steps not yet started (Ctrl-C). */
  cancel(): void;
}

/** When a step fires, ms from the load's start; `50%` is half the load's planned length. */
export function chaosOffsetMs(step: ChaosStep, load: readonly LoadStep[]): number {
  return step.at.kind === 'time' ? step.at.ms : Math.round(step.at.fraction * totalDurationMs(load));
}

/** A step the device cannot take fails the run before its load, never skipped quietly mid-run (exit 2). */
function checkSupported(steps: readonly ChaosStep[], device: Device): void {
  const unsupported = steps.filter((step) => !device.chaosActions.includes(step.action.kind));
  if (unsupported.length === 0) return;
  const list = unsupported.map(describeChaosStep).join(', ');
  throw new SmsgwError('bad-scenario', `Chaos not supported on ${device.kind} devices (${device.label}): ${list}`, {
    hint:
      device.chaosActions.length > 0
        ? `this device takes ${device.chaosActions.join(', ')}; the rest need \`device: virtual\``
        : 'drop the chaos steps, or run on `device: virtual`',
  });
}

/** Starts every step's timer; throws at once if the device cannot take one of them. */
export function startChaos(
  steps: readonly ChaosStep[],
  load: readonly LoadStep[],
  device: Device,
  console: DeviceConsole,
): ChaosRun {
  checkSupported(steps, device);
  const startedAt = Date.now();
  const timeline: TimelineEvent[] = [];
  const note = (event: string): void => void timeline.push({ atMs: Date.now() - startedAt, event });
  const timers: NodeJS.Timeout[] = [];
  const unfinished = new Set<() => void>();
  let cancelled = false;
  // Steps run one at a time: a kill in the middle of a network outage must not race it.
  let chain = Promise.resolve();
  // A step's window ends early on cancel, so Ctrl-C still turns the network on, frees the disk, unlocks.
  const wakers = new Set<() => void>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (cancelled) return resolve();
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const perform = async (step: ChaosStep): Promise<void> => {
    if (cancelled) return;
    const { action } = step;
    if (action.kind === 'kill') {
      note('device killed (SIGKILL)');
      console.suspend();
      await device.kill();
      await device.restart();
      await console.resume(device.consolePort);
      note('device restarted on the same database');
    } else if (action.kind === 'network') {
      note(`network off for ${action.forMs} ms`);
      await device.setNetwork(false);
      await sleep(action.forMs);
      await device.setNetwork(true);
      note('network on');
    } else if (action.kind === 'disk') {
      note(`disk full for ${action.forMs} ms`);
      await device.setDiskFull(true);
      try {
        await sleep(action.forMs);
      } finally {
        await device.setDiskFull(false);
      }
      note('disk space freed');
    } else {
      if (device.databasePath === null) throw new Error(`${device.label} has no database file this machine can open`);
      const lock = await lockDatabase(device.databasePath);
      note(`database locked by another process for ${action.forMs} ms`);
      try {
        await sleep(action.forMs);
      } finally {
        lock.release();
      }
      note('database unlocked');
    }
  };

  const done = Promise.all(
    steps.map(
      (step) =>
        new Promise<void>((resolve, reject) => {
          unfinished.add(resolve);
          const timer = setTimeout(
            () => {
              unfinished.delete(resolve);
              chain = chain
                .then(() => perform(step))
                .catch((error: unknown) => {
                  note(`${describeChaosStep(step)} failed: ${error instanceof Error ? error.message : String(error)}`);
                  throw error;
                });
              chain.then(resolve, reject);
            },
            chaosOffsetMs(step, load),
          );
          timers.push(timer);
        }),
    ),
  ).then(() => undefined);
  // A run that fails before awaiting `done` must not die of an unhandled rejection in teardown; the
  // step's failure is in the timeline either way.
  void done.catch(() => undefined);

  return {
    done,
    timeline,
    cancel() {
      cancelled = true;
      for (const wake of [...wakers]) wake();
      for (const timer of timers) clearTimeout(timer);
      for (const resolve of unfinished) resolve();
    },
  };
}
