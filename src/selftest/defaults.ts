/** Defaults of the selftest, with their units in their names. */
export const selftestDefaults = {
  /**
   * How long Appium may take to start. Appium's own default (30 s) is plenty alone, but the selftest
   * also runs inside the test suite, where 15 other test files start at once on 2 cores: measured
   * over 30 s there.
   */
  appiumStartTimeoutMs: 120_000,
} as const;
