// Chaos steps of a scenario, on a timer from the start of the load, one at a time (chaos-steps.ts
// says what each does). Each step lands in the run's timeline.
import type { ChaosStep, LoadStep } from '../scenario/index';
import { chaosActionOf, describeChaosStep, listChaosActions } from '../scenario/index';
import { totalDurationMs } from '../load/index';
import type { Device } from '../device/core/device';
import { SmsgwError } from '../errors';
import { performStep, StepWindows, type StepTarget } from './chaos-steps';

export interface TimelineEvent {
  /** Ms from the start of the load. */
  readonly atMs: number;
  readonly event: string;
}

export interface ChaosRun {
  /** Resolves once every step has run to its end (network back on, device restarted, app opened again). */
  readonly done: Promise<void>;
  readonly timeline: readonly TimelineEvent[];
  /** Cancels steps not yet started (Ctrl-C). */
  cancel(): void;
}

/** When a step fires, ms from the load's start; `50%` is half the load's planned length. */
export function chaosOffsetMs(step: ChaosStep, load: readonly LoadStep[]): number {
  return step.at.kind === 'time' ? step.at.ms : Math.round(step.at.fraction * totalDurationMs(load));
}

/** One device of the run as chaos reaches it: the device, and the injector's console line to it. */
export interface ChaosMember {
  readonly device: Device;
  readonly injectorConsole: StepTarget['injectorConsole'];
}

/**
 * The devices a step acts on, with their numbers (from 1): the one it names (`device: 2`), else every
 * device of the run; the scenario has refused a number past the fleet.
 */
export function targetsOf<T>(step: ChaosStep, members: readonly T[]): { readonly index: number; readonly member: T }[] {
  const all = members.map((member, position) => ({ index: position + 1, member }));
  return step.device === undefined ? all : all.filter(({ index }) => index === step.device);
}

/** A step a device cannot take fails the run before its load, never skipped quietly mid-run (exit 2). */
function checkSupported(steps: readonly ChaosStep[], members: readonly ChaosMember[]): void {
  for (const [position, { device }] of members.entries()) {
    const mine = steps.filter((step) => targetsOf(step, members).some(({ index }) => index === position + 1));
    checkDeviceSupports(mine, device, members.length > 1 ? `device ${position + 1}, ` : '');
  }
}

function checkDeviceSupports(steps: readonly ChaosStep[], device: Device, which: string): void {
  const unsupported = steps.filter((step) => !device.chaosActions.includes(chaosActionOf(step)));
  if (unsupported.length === 0) return;
  const list = unsupported.map(describeChaosStep).join(', ');
  throw new SmsgwError(
    'bad-scenario',
    `Chaos not supported on ${device.kind} devices (${which}${device.label}): ${list}`,
    {
      hint:
        device.chaosActions.length > 0
          ? `this device takes ${listChaosActions(device.chaosActions)}; the rest need \`device: virtual\``
          : 'drop the chaos steps, or run on `device: virtual`',
    },
  );
}

/**
 * Runs steps one at a time: a kill in the middle of a network outage must not race it. Once a step
 * has failed, every later one fails with it.
 */
class OneAtATime {
  private tail: Promise<void> = Promise.resolve();

  run(task: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.tail = this.tail.then(task).catch((error: unknown) => {
      onError(error);
      throw error;
    });
    return this.tail;
  }
}

interface Schedule {
  /** Settles once every step has run, or been cancelled before its time; rejects with the first failure. */
  readonly done: Promise<void>;
  /** Drops the steps whose time has not come. */
  cancel(): void;
}

/** Calls `run` for each step at its offset from now. */
function schedule(
  steps: readonly ChaosStep[],
  load: readonly LoadStep[],
  run: (step: ChaosStep) => Promise<void>,
): Schedule {
  const timers: NodeJS.Timeout[] = [];
  const notStarted = new Set<() => void>();
  const eachStep = steps.map(
    (step) =>
      new Promise<void>((resolve, reject) => {
        notStarted.add(resolve);
        const fire = (): void => {
          notStarted.delete(resolve);
          run(step).then(resolve, reject);
        };
        timers.push(setTimeout(fire, chaosOffsetMs(step, load)));
      }),
  );
  const done = Promise.all(eachStep).then(() => undefined);
  // A run that fails before awaiting `done` must not die of an unhandled rejection in teardown; the
  // step's failure is in the timeline either way.
  void done.catch(() => undefined);
  const cancel = (): void => {
    for (const timer of timers) clearTimeout(timer);
    for (const resolve of notStarted) resolve();
  };
  return { done, cancel };
}

/** Starts every step's timer; throws at once if the device cannot take one of them. */
export function startChaos(
  steps: readonly ChaosStep[],
  load: readonly LoadStep[],
  device: Device,
  injectorConsole: StepTarget['injectorConsole'],
  /** A step failed (a device that did not come back): the run cannot go on as its scenario says. */
  onFailure: (step: string, error: unknown) => void = () => {},
): ChaosRun {
  return startFleetChaos(steps, load, [{ device, injectorConsole }], onFailure);
}

/**
 * Starts every step's timer for the devices of a run (a fleet's, in order; one device alone): a step
 * acts on the device it names, or on every device at once. In a fleet each timeline note names its
 * device (`device 2: app killed (SIGKILL)`). Throws at once if a device cannot take a step of its own.
 */
export function startFleetChaos(
  steps: readonly ChaosStep[],
  load: readonly LoadStep[],
  members: readonly ChaosMember[],
  onFailure: (step: string, error: unknown) => void = () => {},
): ChaosRun {
  checkSupported(steps, members);
  const startedAt = Date.now();
  const timeline: TimelineEvent[] = [];
  const note = (event: string): void => void timeline.push({ atMs: Date.now() - startedAt, event });
  const windows = new StepWindows();
  const targetOf = ({ index, member }: { index: number; member: ChaosMember }): StepTarget => ({
    ...member,
    windows,
    note: members.length > 1 ? (event) => note(`device ${index}: ${event}`) : note,
  });
  const perform = (step: ChaosStep): Promise<void> =>
    Promise.all(targetsOf(step, members).map((target) => performStep(step, targetOf(target)))).then(() => undefined);
  const oneAtATime = new OneAtATime();
  const failed = (step: ChaosStep) => (error: unknown) => {
    note(`${describeChaosStep(step)} failed: ${error instanceof Error ? error.message : String(error)}`);
    onFailure(describeChaosStep(step), error);
  };
  const scheduled = schedule(steps, load, (step) => oneAtATime.run(() => perform(step), failed(step)));
  return {
    done: scheduled.done,
    timeline,
    cancel() {
      windows.cancel();
      scheduled.cancel();
    },
  };
}
