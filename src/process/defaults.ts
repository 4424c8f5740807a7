/** Defaults of the process watchdog (group-watchdog.mjs and its caller), with their units in their names. */
export const processWatchdogDefaults = {
  /**
   * How often the watchdog checks that its parent is still the process that started it. The end of
   * its stdin says so at once; this is the backstop should that pipe ever outlive the parent.
   */
  parentPollMs: 1_000,
  /** After SIGTERM, how long the command may take to exit by itself (Appium closes its sessions). */
  stopGraceMs: 5_000,
  /** Once the command is done, how long what it left in its group has after SIGTERM before SIGKILL. */
  groupGraceMs: 1_000,
  /** How long SIGKILLed members may take to be gone before the watchdog exits anyway (a zombie nobody reaps stays a member). */
  killWaitMs: 5_000,
  /** Between two looks at whether the command or its group is gone. */
  groupPollMs: 100,
  /** Beyond the watchdog's own bounds, how long its parent waits before it kills the watchdog and the group itself. */
  stopBackstopMarginMs: 5_000,
} as const;
