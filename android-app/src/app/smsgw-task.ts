// The real SmsgwTask: the headless task wired to the platform. Rejects on failure so React Native
// logs it and the native side (WorkManager) retries with backoff.
import { appDefaults } from '../config/app-defaults';
import { createHeadlessTask, type TaskData } from '../services/headless-task';
import { getLogger } from '../services/logger';
import { getAppService, nativeSystem } from '../services/platform';

const run = createHeadlessTask({
  service: getAppService,
  system: nativeSystem,
  budgetMs: appDefaults.backgroundBudgetMs,
  logger: getLogger('task'),
});

export async function smsgwTask(data?: TaskData): Promise<void> {
  await run(data);
}
