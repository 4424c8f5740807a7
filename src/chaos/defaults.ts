/** Defaults of the chaos stage, with their units in their names. */
export const chaosDefaults = {
  /** `db: locked`: how long the harness keeps trying to take the device's write lock, ms (the device holds it for ms at a time). */
  dbLockAcquireTimeoutMs: 5_000,
  /** …and the pause between those tries, ms; short, since the device's own transactions are. */
  dbLockPollMs: 10,
} as const;
