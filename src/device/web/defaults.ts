/** Defaults of the web Health screen's build, with their units in their names. */
export const webDefaults = {
  /** A cold vite build of the web Health screen takes about 1 s here; this bounds a wedged one. */
  buildTimeoutMs: 60_000,
  /** Between two tries at the build lock while another process builds. */
  buildLockPollMs: 100,
} as const;
