// The unattended way to configure the gateway: `adb shell am broadcast` to the Kotlin ConfigureReceiver,
// which Android lets only a sender holding android.permission.DUMP reach (the adb shell holds it; no
// app from a store can). The receiver cannot write the settings, which live in the engine's database
// on the JS side, so it keeps the configuration natively and wakes the app's task; the app applies it
// before its next drain (at start, and in every background pass), with no prompt: whoever can run the
// adb shell owns the phone already. A link, which any web page can open, asks first (use-deep-link.ts).
import type { Logger } from '../engine';
import type { SettingsPatch } from './settings-store';

/** One configuration the receiver stored, as the Kotlin module `SmsgwConfig` hands it over. */
export interface PendingConfiguration {
  /** Tells one broadcast's configuration from the next, so clearing it never drops a newer one. */
  readonly id: number;
  readonly webhookUrl: string;
  /** null when the broadcast carried no secret: the current one stays. */
  readonly secret: string | null;
}

export interface PendingConfigurationSource {
  /** The newest configuration not yet applied, or null. */
  pending(): Promise<PendingConfiguration | null>;
  /** Forgets the configuration with this id; a newer one stays. */
  clear(id: number): Promise<void>;
}

export type PendingSaveResult =
  { readonly kind: 'saved' } | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export type PendingOutcome = 'none' | 'applied' | 'refused' | 'failed';

export function pendingPatch(pending: PendingConfiguration): SettingsPatch {
  return pending.secret === null
    ? { webhookUrl: pending.webhookUrl }
    : { webhookUrl: pending.webhookUrl, secret: pending.secret };
}

/**
 * Applies the pending configuration, if any, through `save` (which validates, persists and
 * reconfigures the engine). One the settings refuse is logged and dropped, or every drain would try it
 * again; one that could not be saved (the database) stays for the next drain. Never throws: SMS
 * waiting in the inbox must not wait for a configuration.
 */
export async function applyPendingConfiguration(
  source: PendingConfigurationSource,
  save: (patch: SettingsPatch) => Promise<PendingSaveResult>,
  logger: Logger,
): Promise<PendingOutcome> {
  let pending: PendingConfiguration | null;
  try {
    pending = await source.pending();
  } catch (error) {
    logger.warn('could not read the configuration sent over adb', { error: String(error) });
    return 'failed';
  }
  if (pending === null) return 'none';
  try {
    const saved = await save(pendingPatch(pending));
    await source.clear(pending.id);
    // The secret never goes to the log: only whether one came.
    const fields = { webhookUrl: pending.webhookUrl, secret: pending.secret === null ? 'kept' : 'set' };
    if (saved.kind === 'saved') {
      logger.info('configured over adb', fields);
      return 'applied';
    }
    logger.error('configuration sent over adb refused', { ...fields, problems: saved.problems.join('; ') });
    return 'refused';
  } catch (error) {
    logger.warn('could not apply the configuration sent over adb; trying again at the next drain', {
      error: String(error),
    });
    return 'failed';
  }
}
