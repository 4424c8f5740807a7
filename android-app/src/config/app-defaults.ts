// Every tunable number of the app (not the engine), with its unit in its name, so no reader has to guess ms or s.
const SECOND_MS = 1000;

export const appDefaults = {
  settings: { webhookUrl: '', secret: '', maxAgeDays: 3, maxAttempts: 50, paused: false },
  /** How often the Health dashboard reloads by itself. */
  healthRefreshMs: 10 * SECOND_MS,
  /** Android gives a headless task about 30 s before it may be killed: leave room to stop cleanly. */
  backgroundBudgetMs: 25 * SECOND_MS,
  /** Inbox rows read per round trip to the native side. */
  inboxBatchSize: 50,
  /** Messages shown per list page. */
  messagePageSize: 50,
  /** Error log entries shown on the Errors screen: as many as the engine keeps (its errorLogSize). */
  errorPageSize: 100,
  /** SQLite file of the engine and the settings. */
  databaseName: 'smsgw.db',
  /** How long a write waits for the other connection's lock. */
  busyTimeoutMs: 5 * SECOND_MS,
} as const;

/** Where the Health dashboard's cards change colour. */
export const healthThresholds = {
  /** Queue size above which the card turns orange. */
  queueWarnSize: 100,
  /** 24 h success rate below which the card turns red, 0..1. */
  successRateMin: 0.95,
  /** Failed count above which the card turns red. */
  failedMax: 0,
} as const;
