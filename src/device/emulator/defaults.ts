/** Defaults of the emulator path, with their units in their names. */
export const emulatorDefaults = {
  /** The app's application id (android-app/android/app/build.gradle). */
  applicationId: 'dev.smsgw.gateway',
  consolePort: 5554,
  /** A cold boot without snapshots takes 1–3 minutes with KVM; far longer without. */
  bootTimeoutMs: 300_000,
  /** How often `smsgw emulator boot` says it is still waiting. */
  bootProgressMs: 5_000,
  commandTimeoutMs: 60_000,
  /** Installing an APK can take a while on a cold emulator. */
  installTimeoutMs: 180_000,
  /** The app's launch activity, for `am start -n`. */
  launchActivity: '.MainActivity',
  /** After a restart, how long the app has to show a pid; a cold RN start takes 2–5 s on an emulator. */
  appStartTimeoutMs: 30_000,
  appStartPollMs: 500,
  /** After the console's `kill`, how long the emulator has to leave adb's list; it goes within a second or two. */
  powerOffTimeoutMs: 30_000,
  powerOffPollMs: 500,
  /**
   * The `adb emu` fallback spawns one adb process per SMS, and each opens, authenticates and quits
   * a console session of its own: a few a second, two at a time, keeps the console from refusing them.
   */
  adbSmsPerSecond: 5,
  adbSmsInFlight: 2,
} as const;
