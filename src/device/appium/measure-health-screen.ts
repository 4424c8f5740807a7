// What `smsgw run --metrics appium` asks of this stage, as one call: open the virtual device's web
// Health screen through Appium, refresh it, and compare what it shows with /health and the stub.
import type { DeviceHealth } from '../core/device';
import type { StubStats } from '../../stub/index';
import { ensureWebBuild } from '../web/web-build';
import { compareHealthScreen, type HealthScreenComparison } from './compare-health-screen';
import { appiumDefaults as defaults } from './defaults';
import { openScreenSession } from './open-session';

export { checkScreenPackages } from './open-session';
import { pressRefresh, scrapeHealthScreen, waitForHealthScreen } from './scrape-health-screen';
import type { ScreenTexts } from '../core/screen-texts';
import { startAppium, type AppiumServer } from './start-appium';

export interface MeasureHealthScreenOptions {
  /** The device's base URL (`VirtualDevice.healthUrl`): it serves the screen at / and the truth at /health. */
  readonly healthUrl: string;
  /** The stub's counters after the drain. */
  readonly stubStats: Pick<StubStats, 'accepted'>;
  /** An Appium server or grid to use; default: start one from the project's dependencies. */
  readonly appiumUrl?: string;
  /** Progress lines (building the page, starting Appium). */
  readonly progress?: (line: string) => void;
}

export interface HealthScreenMeasurement extends HealthScreenComparison {
  /** The last scrape, verbatim, for the report. */
  readonly scraped: ScreenTexts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deviceHealth(healthUrl: string): Promise<DeviceHealth> {
  const response = await fetch(new URL('/health', healthUrl), {
    signal: AbortSignal.timeout(defaults.settleTimeoutMs),
  });
  if (!response.ok) throw new Error(`GET /health answered HTTP ${response.status}`);
  return (await response.json()) as DeviceHealth;
}

/**
 * Scrapes until the screen agrees with a fresh /health or the settle time is up, pressing refresh
 * each round: a screen one refresh behind is not wrong, a screen that stays different is.
 */
async function settle(
  browser: WebdriverIO.Browser,
  options: MeasureHealthScreenOptions,
): Promise<HealthScreenMeasurement> {
  const deadline = Date.now() + defaults.settleTimeoutMs;
  for (;;) {
    await pressRefresh(browser, 'web');
    await sleep(defaults.settlePollMs);
    const scraped = await scrapeHealthScreen(browser, 'web');
    const result = compareHealthScreen(scraped, (await deviceHealth(options.healthUrl)).engine, options.stubStats);
    if (result.matches || Date.now() > deadline) return { ...result, scraped };
  }
}

/** Opens the web Health screen of a virtual device through Appium and judges it; cleans up everything it started. */
export async function measureHealthScreen(options: MeasureHealthScreenOptions): Promise<HealthScreenMeasurement> {
  const progress = options.progress ?? (() => {});
  await ensureWebBuild(progress);
  let appium: AppiumServer | null = null;
  if (!options.appiumUrl) {
    progress('smsgw: starting Appium (Chromium driver)…');
    appium = await startAppium();
  }
  try {
    const browser = await openScreenSession(options.appiumUrl ?? appium!.url, 'web');
    try {
      await browser.url(new URL('/', options.healthUrl).toString());
      await waitForHealthScreen(browser, 'web');
      return await settle(browser, options);
    } finally {
      await browser.deleteSession().catch(() => undefined);
    }
  } finally {
    await appium?.stop();
  }
}
