// Reads the Health screen through any WebdriverIO session: by `data-testid` on the web build,
// by resource-id (RN's testID) on Android. The same code serves the browser and the phone.
import type { ScreenPlatform } from './capabilities';
import { appiumDefaults as defaults } from './defaults';
import type { ScreenTexts } from '../core/screen-texts';

/** The selector of an element with the given testID on the given platform. */
export function byTestId(platform: ScreenPlatform, testId: string): string {
  // react-native-web renders testID as data-testid; UiAutomator2 finds resource-ids with `id=`
  // (autocompletion off, see capabilities.ts).
  return platform === 'web' ? `[data-testid="${testId}"]` : `id=${testId}`;
}

/** Waits until the screen shows numbers (not the spinner); throws with the load error when it has one. */
export async function waitForHealthScreen(
  browser: WebdriverIO.Browser,
  platform: ScreenPlatform,
  timeoutMs: number = defaults.firstRenderTimeoutMs,
): Promise<void> {
  const first = browser.$(byTestId(platform, 'metric-queue-size'));
  try {
    await first.waitForExist({ timeout: timeoutMs });
  } catch (error) {
    const loadError = browser.$(byTestId(platform, 'health-load-error'));
    const why = (await loadError.isExisting()) ? await loadError.getText() : 'no metric-queue-size element';
    throw new Error(`The Health screen showed no numbers within ${timeoutMs / 1000}s: ${why}`, { cause: error });
  }
}

// Every element whose testID starts with `metric-`: the screen may grow cards without this file
// knowing. On Android the testID is the resource-id, matched by a UiSelector regex.
const allMetrics = (platform: ScreenPlatform): string =>
  platform === 'web' ? '[data-testid^="metric-"]' : 'android=new UiSelector().resourceIdMatches("^metric-.*")';

/** Every `metric-*` value the screen shows right now, as text, keyed by name without `metric-`. */
export async function scrapeHealthScreen(browser: WebdriverIO.Browser, platform: ScreenPlatform): Promise<ScreenTexts> {
  const texts: Record<string, string> = {};
  for (const element of await browser.$$(allMetrics(platform)).getElements()) {
    const testId = await element.getAttribute(platform === 'web' ? 'data-testid' : 'resource-id');
    if (testId?.startsWith('metric-')) texts[testId.slice('metric-'.length)] = await element.getText();
  }
  return texts;
}

/** Presses the screen's refresh button. */
export async function pressRefresh(browser: WebdriverIO.Browser, platform: ScreenPlatform): Promise<void> {
  await browser.$(byTestId(platform, 'refresh-button')).click();
}
