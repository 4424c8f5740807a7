/** Defaults of the Appium stage, with their units in their names. */
export const appiumDefaults = {
  /** Appium 3 with its two drivers starts in about 2 s here; a cold CI disk may take much longer. */
  startTimeoutMs: 30_000,
  /** Between two GET /status probes while Appium starts. */
  statusPollMs: 200,
  /** After SIGTERM, how long Appium may take to close its sessions before it is killed. */
  stopTimeoutMs: 5_000,
  /** Creating a session: Chromium starts in ~1 s; an Android session (UiAutomator2 server install) takes far longer. */
  connectionRetryTimeoutMs: 120_000,
  /** How long the screen has to show its first numbers after the page opens. */
  firstRenderTimeoutMs: 15_000,
  /** After the refresh button, how long the screen has to agree with a fresh /health before it is judged. */
  settleTimeoutMs: 5_000,
  settlePollMs: 250,
  /** The app's package and launch activity, for the Android profile. */
  androidAppPackage: 'dev.smsgw.gateway',
  androidAppActivity: '.MainActivity',
} as const;
