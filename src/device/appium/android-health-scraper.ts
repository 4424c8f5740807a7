// The Health screen of the app on Android, read through one UiAutomator2 session kept open for
// the whole run: a session costs seconds (the driver installs its server on the device), a read
// costs a few hundred ms.
import type { HealthScraper } from '../core/health-scraper';
import { appiumPackagesFor, checkScreenPackages, openScreenSession } from './open-session';
import { pressRefresh, scrapeHealthScreen, waitForHealthScreen } from './scrape-health-screen';
import type { ScreenTexts } from '../core/screen-texts';
import { startAppium, type AppiumServer } from './start-appium';
import { appiumDefaults as defaults } from './defaults';

export interface AndroidScraperOptions {
  /** adb serial (`emulator-5554`); omitted on a grid, which picks a phone itself. */
  readonly udid?: string;
  /** An Appium server or grid; default: start one from the project's dependencies. */
  readonly appiumUrl?: string;
}

/** Opens the session lazily, on the first read, so a run that fails before its load costs no Appium start. */
export function androidHealthScraper(options: AndroidScraperOptions): HealthScraper {
  checkScreenPackages('android', !options.appiumUrl);
  let appium: AppiumServer | null = null;
  let session: Promise<WebdriverIO.Browser> | null = null;
  const open = async (): Promise<WebdriverIO.Browser> => {
    if (!options.appiumUrl) appium = await startAppium({ needs: appiumPackagesFor('android') });
    return openScreenSession(options.appiumUrl ?? appium!.url, 'android', options.udid ? { udid: options.udid } : {});
  };
  return {
    async scrape(): Promise<ScreenTexts> {
      session ??= open();
      const browser = await session;
      // After a kill and restart the app is a new process: bring it to the front before reading.
      await browser.activateApp(defaults.androidAppPackage);
      await waitForHealthScreen(browser, 'android');
      await pressRefresh(browser, 'android');
      return scrapeHealthScreen(browser, 'android');
    },
    async close(): Promise<void> {
      const browser = await session?.catch(() => null);
      await browser?.deleteSession().catch(() => undefined);
      await (appium as AppiumServer | null)?.stop();
    },
  };
}
