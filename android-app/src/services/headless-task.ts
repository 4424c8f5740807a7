// The JS side of HeadlessJsTaskService ('SmsgwTask'): the Kotlin receiver, BootReceiver and the
// WorkManager workers all start it; it drains the native inbox and dispatches within a budget, then
// arranges the next run itself: a one-time WorkManager run at the engine's next due moment (or once
// the network is back), and a report of what it left, on which the worker that started it retries
// with backoff and the foreground notice shows or goes.
import type { Logger } from '../engine';
import type { BackgroundPassResult, RunningAppService } from './app-service';
import type { NativeSystem, PassReport } from './native-ports';

export const taskReasons = ['sms', 'periodic', 'connectivity', 'retry-now', 'follow-up', 'boot', 'configure'] as const;
export type TaskReason = (typeof taskReasons)[number];

export interface TaskData {
  readonly reason?: string;
}

export type TaskSystem = Pick<
  NativeSystem,
  'schedulePeriodic' | 'scheduleRetryAt' | 'scheduleWhenOnline' | 'reportPass'
>;

export interface HeadlessTaskDeps {
  readonly service: () => Promise<Pick<RunningAppService, 'runBackgroundPass' | 'retryWaitingNow'>>;
  readonly system: () => TaskSystem;
  readonly budgetMs: number;
  readonly logger: Logger;
  /** The clock the engine runs on (ms since the epoch): the next due moment is compared with it. */
  readonly now: () => number;
  /**
   * How long after a pass that moved nothing the next one runs while work is due: a server that
   * refuses everything, or a queue paused by a send, must not be asked in a loop.
   */
  readonly stalledRetryMs: number;
}

/** What the task arranges after a pass. */
export interface FollowUp {
  /** When the next pass runs (scheduleRetryAt); null when nothing is scheduled. */
  readonly retryAt: number | null;
  /** Offline: the next pass waits for the network instead (scheduleWhenOnline). */
  readonly whenOnline: boolean;
  /** Work was due and the pass could not deliver it: the run failed. */
  readonly undelivered: boolean;
}

export type HeadlessTaskResult = BackgroundPassResult & FollowUp;

const nothingToDo: FollowUp = { retryAt: null, whenOnline: false, undelivered: false };

/**
 * The next run after a pass. Empty: none. Paused by hand or unconfigured: none either, since only a
 * person lifts that (and the periodic job still looks). Otherwise at the engine's next due moment;
 * work already due is undelivered, and runs again at once while the backlog shrinks, after
 * `stalledRetryMs` when the pass moved nothing.
 */
export function planFollowUp(pass: BackgroundPassResult, nowMs: number, stalledRetryMs: number): FollowUp {
  if (pass.backlog === 0 || pass.blocked) return nothingToDo;
  // Something is queued but nothing says when it is due: due now, the safe side.
  const due = pass.nextDueAt ?? nowMs;
  const undelivered = due <= nowMs;
  if (!pass.online) return { retryAt: null, whenOnline: true, undelivered };
  if (!undelivered) return { retryAt: due, whenOnline: false, undelivered };
  const progressed = pass.backlog < pass.backlogAtStart;
  return { retryAt: progressed ? nowMs : nowMs + stalledRetryMs, whenOnline: false, undelivered };
}

/** An unknown reason still runs the pass: a newer native side must never make SMS wait. */
export function parseReason(data: TaskData | undefined): TaskReason | 'unknown' {
  const reason = data?.reason;
  return (taskReasons as readonly string[]).includes(reason ?? '') ? (reason as TaskReason) : 'unknown';
}

/** Each native call on its own: a refused schedule must not keep the report from the worker. */
async function tryNative(logger: Logger, what: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    logger.error(`could not ${what}`, { error: error instanceof Error ? error.message : String(error) });
  }
}

async function arrangeFollowUp(deps: HeadlessTaskDeps, followUp: FollowUp, backlog: number): Promise<void> {
  const system = deps.system();
  const { retryAt } = followUp;
  if (retryAt !== null) await tryNative(deps.logger, 'schedule the next run', () => system.scheduleRetryAt(retryAt));
  if (followUp.whenOnline) await tryNative(deps.logger, 'wait for the network', () => system.scheduleWhenOnline());
  const report: PassReport = { backlog, undelivered: followUp.undelivered, retryAt };
  await tryNative(deps.logger, 'report the pass', () => system.reportPass(report));
}

export function createHeadlessTask(deps: HeadlessTaskDeps): (data?: TaskData) => Promise<HeadlessTaskResult> {
  return async (data) => {
    const reason = parseReason(data);
    // After a reboot or an app update WorkManager's periodic job may be gone; KEEP makes this idempotent.
    if (reason === 'boot') await deps.system().schedulePeriodic();
    let pass: BackgroundPassResult;
    try {
      const service = await deps.service();
      // "Retry now" on the Errors screen: the person wants the waiting messages tried, not their backoff sat out.
      if (reason === 'retry-now') await service.retryWaitingNow();
      pass = await service.runBackgroundPass(deps.budgetMs);
    } catch (error) {
      // No report: the worker that started this retries. A run the SMS service started has no
      // worker, so a later run is asked for here too.
      const retryAt = deps.now() + deps.stalledRetryMs;
      await tryNative(deps.logger, 'schedule the next run', () => deps.system().scheduleRetryAt(retryAt));
      throw error;
    }
    const followUp = planFollowUp(pass, deps.now(), deps.stalledRetryMs);
    await arrangeFollowUp(deps, followUp, pass.backlog);
    deps.logger.info('background pass done', { reason, ...pass, ...followUp });
    return { ...pass, ...followUp };
  };
}
