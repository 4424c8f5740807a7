// SQLITE_BUSY and a full disk are usually momentary: retry the statement a few times before
// handing the failure up, and never drop the SMS on the way.
import { categorizeError } from './classify';
import type { Clock, Logger } from './ports';

export interface DbRetryOptions {
  readonly attempts: number;
  readonly delayMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** Runs `work`, retrying database-category failures with a growing pause; rethrows anything else. */
export async function withDbRetry<T>(what: string, work: () => Promise<T>, options: DbRetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (categorizeError(error) !== 'database' || attempt >= options.attempts) throw error;
      const message = error instanceof Error ? error.message : String(error);
      options.logger.warn(`${what}: database busy, retrying`, { attempt, error: message });
      await sleep(options.clock, options.delayMs * attempt);
    }
  }
}
