// The JS side of HeadlessJsTaskService ('SmsgwTask'): the Kotlin receiver, BootReceiver and the
// WorkManager workers all start it; it drains the native inbox and dispatches within a budget.
import type { Logger } from '../engine';
import type { BackgroundPassResult, RunningAppService } from './app-service';
import type { NativeSystem } from './native-ports';

export const taskReasons = ['sms', 'periodic', 'connectivity', 'retry-now', 'boot'] as const;
export type TaskReason = (typeof taskReasons)[number];

export interface TaskData {
  readonly reason?: string;
}

export interface HeadlessTaskDeps {
  readonly service: () => Promise<Pick<RunningAppService, 'runBackgroundPass'>>;
  readonly system: () => Pick<NativeSystem, 'schedulePeriodic'>;
  readonly budgetMs: number;
  readonly logger: Logger;
}

/** An unknown reason still runs the pass: a newer native side must never make SMS wait. */
export function parseReason(data: TaskData | undefined): TaskReason | 'unknown' {
  const reason = data?.reason;
  return (taskReasons as readonly string[]).includes(reason ?? '') ? (reason as TaskReason) : 'unknown';
}

export function createHeadlessTask(deps: HeadlessTaskDeps): (data?: TaskData) => Promise<BackgroundPassResult> {
  return async (data) => {
    const reason = parseReason(data);
    // After a reboot or an app update WorkManager's periodic job may be gone; KEEP makes this idempotent.
    if (reason === 'boot') await deps.system().schedulePeriodic();
    const service = await deps.service();
    const result = await service.runBackgroundPass(deps.budgetMs);
    deps.logger.info('background pass done', { reason, ...result });
    return result;
  };
}
