// The app's settings, kept in the engine's database file (one fsync'd store) in a table of its own.
import { webhookUrlProblem, type SqlDb } from '../engine';
import { appDefaults } from '../config/app-defaults';

export interface AppSettings {
  /** Where messages are POSTed. Default '' (the queue holds until set). */
  readonly webhookUrl: string;
  /** HMAC key of X-Signature; '' sends none. Default ''. */
  readonly secret: string;
  /** Age after which an undelivered message is dead-lettered, days. Default 3. */
  readonly maxAgeDays: number;
  /** Attempts before a message is dead-lettered. Default 50. */
  readonly maxAttempts: number;
  /** Forwarding held by hand. Default false. */
  readonly paused: boolean;
  /**
   * Scan the phone's SMS store for SMS the app missed while it was stopped (needs READ_SMS, asked for
   * separately). Default true; stores from before it existed load it as the default.
   */
  readonly recoverMissedSms: boolean;
  /**
   * The user refused POST_NOTIFICATIONS (the forwarding notification, Android 13+): remembered so that
   * nothing asks for it again by itself; only the Settings switch does. Absent until first answered.
   */
  readonly notificationDeclined?: boolean;
  /** This phone's id in every payload; generated once. */
  readonly deviceId: string;
}

export type SettingsPatch = Partial<Omit<AppSettings, 'deviceId'>>;

/** Every problem with a patch at once (k6 style), each naming the field and the value. */
export function settingsProblems(patch: SettingsPatch): string[] {
  const problems: string[] = [];
  if (patch.webhookUrl !== undefined && patch.webhookUrl !== '') {
    const problem = webhookUrlProblem(patch.webhookUrl);
    if (problem !== null)
      problems.push(`Expected \`webhookUrl\` to be an http(s) URL, got ${JSON.stringify(patch.webhookUrl)}`);
  }
  for (const key of ['maxAgeDays', 'maxAttempts'] as const) {
    const value = patch[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      problems.push(`Expected \`${key}\` to be a positive integer, got ${String(value)}`);
    }
  }
  for (const key of ['recoverMissedSms', 'notificationDeclined'] as const) {
    const value: unknown = patch[key];
    if (value !== undefined && typeof value !== 'boolean') {
      problems.push(`Expected \`${key}\` to be true or false, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

const CREATE = 'CREATE TABLE IF NOT EXISTS app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

export interface SettingsStore {
  load(): Promise<AppSettings>;
  /** Validates and persists; throws an Error listing every problem. */
  save(patch: SettingsPatch): Promise<AppSettings>;
}

export async function createSettingsStore(db: SqlDb, newDeviceId: () => string): Promise<SettingsStore> {
  await db.run(CREATE);
  const read = async (): Promise<Partial<AppSettings>> => {
    const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM app_settings');
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  };
  const write = (tx: SqlDb, entries: [string, unknown][]) =>
    Promise.all(
      entries.map(([key, value]) =>
        tx.run(
          'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [key, JSON.stringify(value)],
        ),
      ),
    );

  // The device id must never change once messages carry it: create it once, in a transaction.
  await db.transaction(async (tx) => {
    const rows = await tx.all<{ n: number }>("SELECT COUNT(*) AS n FROM app_settings WHERE key = 'deviceId'");
    if (Number(rows[0]?.n ?? 0) === 0) await write(tx, [['deviceId', newDeviceId()]]);
  });

  const load = async (): Promise<AppSettings> => ({ ...appDefaults.settings, ...(await read()) }) as AppSettings;
  return {
    load,
    async save(patch) {
      const problems = settingsProblems(patch);
      if (problems.length > 0) throw new Error(`Invalid settings: ${problems.join('; ')}`);
      const entries = Object.entries(patch).filter(([key, value]) => value !== undefined && key !== 'deviceId');
      await db.transaction((tx) => write(tx, entries));
      return load();
    },
  };
}
