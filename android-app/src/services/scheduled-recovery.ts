// When the app runs the recovery scan (recover-sms.ts): before draining the inbox, so what it recovers
// is drained in the same pass, and at most once per interval, since a drain runs for every SMS and each
// scan reads the SMS store. The first drain after a start always scans: a start is what follows a force
// stop, and what arrived meanwhile is only in the store. Recovery is optional: off in Settings or without
// READ_SMS it does nothing, and a failing scan never keeps the drain from moving what was captured.
import type { Clock, Logger } from '../engine';
import { appDefaults } from '../config/app-defaults';
import type { RecoveryLedger, SmsStoreReader } from './native-ports';
import { recoverMissedSms, type RecoveryOptions } from './recover-sms';

export interface RecoveryDeps {
  /** The phone's SMS store (READ_SMS). */
  readonly store: SmsStoreReader;
  /** The receiver's unpaired captures and the checkpoint, kept in the native inbox's database. */
  readonly ledger: RecoveryLedger;
  /** Whether READ_SMS is granted now: the user may revoke it in the system settings at any time. */
  readonly readSmsGranted: () => Promise<boolean>;
  /** Default: `appDefaults.recovery`. */
  readonly options?: Partial<RecoverySchedule>;
  /** Default: the app service's logger. */
  readonly logger?: Logger;
}

export type RecoverySchedule = Omit<RecoveryOptions, 'now'> & {
  /** Least time between two scans. */
  readonly intervalMs: number;
};

/**
 * A scan to run before each drain; resolves with how many SMS it put into the inbox (0 when it was
 * skipped or failed). `enabled` is the Settings switch, read at each call.
 */
export function scheduledRecovery(
  deps: RecoveryDeps,
  clock: Clock,
  logger: Logger,
  enabled: () => boolean,
): () => Promise<number> {
  const { intervalMs, ...scan } = { ...appDefaults.recovery, ...deps.options };
  const log = deps.logger ?? logger;
  let lastScanAt: number | null = null;
  return async () => {
    if (lastScanAt !== null && clock.now() - lastScanAt < intervalMs) return 0;
    if (!enabled()) return 0;
    try {
      // Off or denied leaves lastScanAt alone: switched on or granted later, the next drain scans.
      if (!(await deps.readSmsGranted())) return 0;
      lastScanAt = clock.now();
      const result = await recoverMissedSms(deps.store, deps.ledger, { ...scan, now: () => clock.now() });
      if (result.recovered > 0 || result.firstScan) log.info('recovery scan done', { ...result });
      return result.recovered;
    } catch (error) {
      // The checkpoint stays where the last settled page left it: the next scan picks up from there.
      log.warn('recovery scan failed; draining what was captured anyway', {
        error: error instanceof Error ? error.message : String(error),
      });
      return 0;
    }
  };
}
