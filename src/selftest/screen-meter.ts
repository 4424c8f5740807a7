// The Health screen judge for the selftest's wrong-dashboard case: one Appium server for every run
// that needs it (its start costs seconds on a loaded machine), stopped at the end.
import type { RunOptions } from '../run/run-scenario';

export interface ScreenMeter {
  readonly measure: NonNullable<RunOptions['measureDashboard']>;
  close(): Promise<void>;
}

/** Builds the web Health screen if needed and starts Appium; `progress` gets a line for each slow step. */
export async function openScreenMeter(progress: (line: string) => void): Promise<ScreenMeter> {
  // Loaded here: a selftest without the wrong-dashboard case never pays for webdriverio.
  const [{ ensureWebBuild }, { measureDashboard, startAppium }] = await Promise.all([import('../device/virtual/web-build'), import('../device/appium/index')]);
  await ensureWebBuild(progress);
  progress('smsgw selftest: starting Appium (Chromium driver)…');
  const appium = await startAppium();
  return {
    measure: (target) => measureDashboard({ ...target, appiumUrl: appium.url }),
    close: () => appium.stop(),
  };
}
