// The real SmsgwTask: the headless task wired to the platform. A pass that throws rejects, so React
// Native logs it; the WorkManager run that started it sees no report of the pass and retries with
// backoff. A pass that leaves due work undelivered says so in its report, with the same effect.
import { appDefaults } from '../config/app-defaults';
import { systemClock } from '../engine';
import { createHeadlessTask, type TaskData } from '../services/headless-task';
import { getLogger } from '../services/logger';
import { getAppService, nativeSystem } from '../services/platform';

const run = createHeadlessTask({
  service: getAppService,
  system: nativeSystem,
  budgetMs: appDefaults.backgroundBudgetMs,
  logger: getLogger('task'),
  now: () => systemClock.now(),
  stalledRetryMs: appDefaults.stalledRetryMs,
});

export async function smsgwTask(data?: TaskData): Promise<void> {
  await run(data);
}
