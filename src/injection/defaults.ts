/** Defaults of the injection stage, with their units in their names. */
export const injectionDefaults = {
  /** Console commands the injector keeps outstanding at once (pipelined). */
  maxInFlight: 64,
  /** How often a KO answer is retried before the SMS counts as refused. */
  refusedRetries: 5,
  /** Pause before the first retry of a KO, ms; each further retry waits this much longer. */
  refusedRetryDelayMs: 200,
  /**
   * SQLite page cache of the injection log, KiB. better-sqlite3 builds with 16 MB per database,
   * which an append-only log fills over a soak: harness RSS would creep by up to that much. 2 MB is
   * SQLite's stock default.
   */
  sqliteCacheKiB: 2_048,
} as const;
