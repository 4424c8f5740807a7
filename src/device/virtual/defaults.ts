/** Defaults of the virtual device, with their units in their names. */
export const virtualDeviceDefaults = {
  /** How long the harness waits for a spawned device to print its ready line. */
  readyTimeoutMs: 30_000,
  healthTimeoutMs: 5_000,
  /** After SIGTERM, how long in-flight sends may take before the device is killed. */
  stopTimeoutMs: 15_000,
  /** The emulator's first console port; adb finds emulators on 5554..5584. */
  consolePort: 5554,
  healthPort: 8554,
  avdName: 'smsgw_virtual',
  /** A cold vite build of the web Health screen takes about 1 s here; this bounds a wedged one. */
  webBuildTimeoutMs: 60_000,
  webBuildLockPollMs: 100,
  /** How often a harness-spawned device checks that the harness is still alive, ms. */
  parentPollMs: 1_000,
  /** `disk: full` fills free pages with blobs, halving down to this size; a smaller gap cannot hold an SMS anyway. */
  diskFillMinBlobBytes: 64,
  /** Backstop on the filler's insert rounds (about 30 are needed for a 1 GB free list). */
  diskFillMaxRounds: 200,
} as const;
