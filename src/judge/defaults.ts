/** Defaults of the judge stage, with their units in their names. */
export const judgeDefaults = {
  /**
   * SQLite page cache of the stub's ledger while the trace has it attached, KiB. better-sqlite3 builds
   * with 16 MB per database, and a trace at every checkpoint of a soak would let harness RSS creep by
   * up to that much. 2 MB is SQLite's stock default, as for the injection log.
   */
  ledgerCacheKiB: 2_048,
} as const;
