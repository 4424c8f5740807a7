// The Health screen judge for the selftest's wrong-dashboard case: one Appium server for every run
// that needs it (its start costs seconds on a loaded machine), started at the first screen to judge
// rather than up front, and stopped at the end.
import type { RunOptions } from '../run/run-scenario';
import type { AppiumServer } from '../device/appium/index';
import { checkScreenPackages } from '../device/appium/open-session';
import { selftestDefaults as defaults } from './defaults';

export interface ScreenMeter {
  readonly measure: NonNullable<RunOptions['measureHealthScreen']>;
  /** Stops Appium, if it was started. */
  close(): Promise<void>;
}

// Loaded here: a selftest without the wrong-dashboard case never pays for webdriverio.
const screenModules = async () => {
  const [{ ensureWebBuild }, { measureHealthScreen, startAppium }] = await Promise.all([
    import('../device/web/web-build'),
    import('../device/appium/index'),
  ]);
  return { ensureWebBuild, measureHealthScreen, startAppium };
};

/** Holds the one Appium server, started by the first screen to judge. */
class LazyAppium {
  private started: Promise<AppiumServer> | null = null;

  constructor(private readonly progress: (line: string) => void) {}

  server(): Promise<AppiumServer> {
    this.started ??= screenModules().then(async ({ ensureWebBuild, startAppium }) => {
      await ensureWebBuild(this.progress);
      this.progress('smsgw selftest: starting Appium (Chromium driver)…');
      return startAppium({ timeoutMs: defaults.appiumStartTimeoutMs });
    });
    return this.started;
  }

  async stop(): Promise<void> {
    await (await this.started?.catch(() => null))?.stop();
  }
}

/** A meter that builds the web Health screen and starts Appium when first used; `progress` gets a line for each slow step. */
export function openScreenMeter(progress: (line: string) => void): ScreenMeter {
  // Before the first case runs: Appium missing from this project is exit 3 with its install command.
  checkScreenPackages('web', true);
  const appium = new LazyAppium(progress);
  return {
    async measure(target) {
      const [server, { measureHealthScreen }] = await Promise.all([appium.server(), screenModules()]);
      return measureHealthScreen({ ...target, appiumUrl: server.url });
    },
    close: () => appium.stop(),
  };
}
