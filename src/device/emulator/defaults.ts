/** Defaults of the emulator path, with their units in their names. */
export const emulatorDefaults = {
  /** The app's application id (android-app/android/app/build.gradle). */
  applicationId: 'dev.smsgw.gateway',
  consolePort: 5554,
  /** A cold boot without snapshots takes 1–3 minutes with KVM; far longer without. */
  bootTimeoutMs: 300_000,
  bootPollMs: 2_000,
  commandTimeoutMs: 60_000,
  /** Installing an APK can take a while on a cold emulator. */
  installTimeoutMs: 180_000,
} as const;
