// Every tunable number of the app (not the engine), with its unit in its name, so no reader has to guess ms or s.
const SECOND_MS = 1000;

export const appDefaults = {
  settings: { webhookUrl: '', secret: '', maxAgeDays: 3, maxAttempts: 50, paused: false, recoverMissedSms: true },
  /** How often the Health dashboard reloads by itself. */
  healthRefreshMs: 10 * SECOND_MS,
  /** Android gives a headless task about 30 s before it may be killed: leave room to stop cleanly. */
  backgroundBudgetMs: 25 * SECOND_MS,
  /**
   * When a background pass left work due and delivered nothing of it (a server refusing everything),
   * the next pass runs this much later, not at once: WorkManager's own backoff starts at 1 min too.
   */
  stalledRetryMs: 60 * SECOND_MS,
  /** Inbox rows read per round trip to the native side. */
  inboxBatchSize: 50,
  /** The scan of the phone's SMS store for SMS the receiver never captured (READ_SMS; see recover-sms.ts). */
  recovery: {
    /** Store rows read per round trip to the native side (the Kotlin side allows at most 500). */
    pageSize: 500,
    /**
     * Store rows younger than this wait for the next scan: the receiver may still be committing their
     * broadcast, which can lag the store by seconds on a busy phone.
     */
    settleMs: 60 * SECOND_MS,
    /**
     * Most unpaired captures a page is matched against (the Kotlin side allows at most 20,000): more than
     * arrive in two scan intervals at 100 SMS/s, since a capture missing from the page reads as missing.
     */
    maxUnpaired: 20_000,
    /** Least time between two scans: a drain runs for every SMS; the first drain after a start always scans. */
    intervalMs: 60 * SECOND_MS,
  },
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
