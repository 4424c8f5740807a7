// The Health screen judge for the selftest's wrong-dashboard case: one Appium server for every run
// that needs it (its start costs seconds on a loaded machine), started at the first screen to judge
// rather than up front, and stopped at the end.
import type { RunOptions } from '../run/run-scenario';
import type { AppiumServer } from '../device/appium/index';
import { selftestDefaults as defaults } from './defaults';

export interface ScreenMeter {
  readonly measure: NonNullable<RunOptions['measureDashboard']>;
  /** Stops Appium, if it was started. */
  close(): Promise<void>;
}

/** A meter that builds the web Health screen and starts Appium when first used; `progress` gets a line for each slow step. */
export function openScreenMeter(progress: (line: string) => void): ScreenMeter {
  let appium: Promise<AppiumServer> | null = null;
  // Loaded here: a selftest without the wrong-dashboard case never pays for webdriverio.
  const modules = async () => {
    const [{ ensureWebBuild }, { measureDashboard, startAppium }] = await Promise.all([
      import('../device/web/web-build'),
      import('../device/appium/index'),
    ]);
    return { ensureWebBuild, measureDashboard, startAppium };
  };
  const started = (): Promise<AppiumServer> =>
    (appium ??= modules().then(async ({ ensureWebBuild, startAppium }) => {
      await ensureWebBuild(progress);
      progress('smsgw selftest: starting Appium (Chromium driver)…');
      return startAppium({ timeoutMs: defaults.appiumStartTimeoutMs });
    }));
  return {
    async measure(target) {
      const [server, { measureDashboard }] = await Promise.all([started(), modules()]);
      return measureDashboard({ ...target, appiumUrl: server.url });
    },
    async close() {
      await (await appium?.catch(() => null))?.stop();
    },
  };
}
