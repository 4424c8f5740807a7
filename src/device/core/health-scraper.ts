// How a device without a /health endpoint (an emulator, a phone) tells its health: the app's own
// Health screen, read through Appium. An interface, so devices and their tests need no webdriverio.
import type { ScreenTexts } from './screen-texts';

export interface HealthScraper {
  /** Every `metric-*` value the Health screen shows now, freshly refreshed. */
  scrape(): Promise<ScreenTexts>;
  /** Ends the session (and the Appium server, when the scraper started one). */
  close(): Promise<void>;
}
