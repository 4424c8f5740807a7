// Chaos steps of a scenario, on a timer from the start of the load: kill and restart the device,
// switch its network off and on. Each step lands in the run's timeline.
import type { ChaosStep, LoadStep } from '../scenario/index';
import { describeChaosStep } from '../scenario/index';
import { totalDurationMs } from '../load/index';
import type { Device } from '../device/device';
import type { DeviceConsole } from './device-console';

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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function startChaos(steps: readonly ChaosStep[], load: readonly LoadStep[], device: Device, console: DeviceConsole): ChaosRun {
  const startedAt = Date.now();
  const timeline: TimelineEvent[] = [];
  const note = (event: string): void => void timeline.push({ atMs: Date.now() - startedAt, event });
  const timers: NodeJS.Timeout[] = [];
  const unfinished = new Set<() => void>();
  let cancelled = false;
  // Steps run one at a time: a kill in the middle of a network outage must not race it.
  let chain = Promise.resolve();

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
    } else {
      note(`network off for ${action.forMs} ms`);
      await device.setNetwork(false);
      await sleep(action.forMs);
      await device.setNetwork(true);
      note('network on');
    }
  };

  const done = Promise.all(
    steps.map(
      (step) =>
        new Promise<void>((resolve, reject) => {
          unfinished.add(resolve);
          const timer = setTimeout(() => {
            unfinished.delete(resolve);
            chain = chain.then(() => perform(step)).catch((error: unknown) => {
              note(`${describeChaosStep(step)} failed: ${error instanceof Error ? error.message : String(error)}`);
              throw error;
            });
            chain.then(resolve, reject);
          }, chaosOffsetMs(step, load));
          timers.push(timer);
        }),
    ),
  ).then(() => undefined);

  return {
    done,
    timeline,
    cancel() {
      cancelled = true;
      for (const timer of timers) clearTimeout(timer);
      for (const resolve of unfinished) resolve();
    },
  };
}
