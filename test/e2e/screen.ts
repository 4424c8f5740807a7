// The specs' view of the Health screen: the same selectors and scrape the harness uses.
import { browser } from '@wdio/globals';
import { byTestId, scrapeHealthScreen, waitForHealthScreen } from '../../src/device/appium/scrape-health-screen';
import { platform, required } from './e2e-env';

/** Opens the screen (on the web; the Android app is already in front) and waits for its numbers. */
export async function openHealthScreen(query = '', url = required('deviceUrl')): Promise<void> {
  if (platform === 'web') await browser.url(new URL(`/${query}`, url).toString());
  await waitForHealthScreen(browser, platform);
}

export const scrape = () => scrapeHealthScreen(browser, platform);

export async function shown(testId: string): Promise<string> {
  return browser.$(byTestId(platform, testId)).getText();
}

export const element = (testId: string) => browser.$(byTestId(platform, testId));
