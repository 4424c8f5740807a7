// Session capabilities for the two things Appium reads the Health screen on. Kept as data, so a
// test pins them and wdio.conf.ts uses the very same ones.
import { appiumDefaults as defaults } from './defaults';

/** Where the screen runs: the virtual device's web page in Chromium, or the app on Android. */
export type ScreenPlatform = 'web' | 'android';

/** Debian's Chromium and its chromedriver: the Chromium driver must not download its own. */
export interface ChromiumPaths {
  readonly binary: string;
  readonly chromedriver: string;
}

/** WebdriverIO's types know only some `appium:` options; the drivers document more (executable, disableIdLocatorAutocompletion). */
export type AppiumCapabilities = WebdriverIO.Capabilities & { [option: `appium:${string}`]: unknown };

export const debianChromium: ChromiumPaths = { binary: '/usr/bin/chromium', chromedriver: '/usr/bin/chromedriver' };

/** appium-chromium-driver against headless Chromium; a phone-sized window, like the app's. */
export function chromiumCapabilities(paths: ChromiumPaths = debianChromium): AppiumCapabilities {
  return {
    platformName: 'linux',
    browserName: 'chrome',
    'appium:automationName': 'Chromium',
    'appium:executable': paths.chromedriver,
    'appium:autodownloadEnabled': false,
    'goog:chromeOptions': {
      binary: paths.binary,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--window-size=420,1000',
        // No traffic of its own: the run's numbers are the only thing on the wire.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  };
}

export interface AndroidTarget {
  /** adb serial, e.g. `emulator-5554`; default the only device adb sees. */
  readonly udid?: string;
  /** Installed before the session when given. */
  readonly apk?: string;
}

/**
 * appium-uiautomator2-driver against the installed app. React Native (>= 0.64) puts `testID` into
 * the view's resource-id verbatim; UiAutomator2 would otherwise prefix `id=` lookups with the app
 * package (`dev.smsgw.gateway:id/metric-queue-size`), which matches nothing, hence
 * `disableIdLocatorAutocompletion`.
 */
export function androidCapabilities(target: AndroidTarget = {}): AppiumCapabilities {
  return {
    platformName: 'Android',
    'appium:automationName': 'UiAutomator2',
    'appium:appPackage': defaults.androidAppPackage,
    'appium:appActivity': defaults.androidAppActivity,
    'appium:disableIdLocatorAutocompletion': true,
    // The harness owns the app's data (queue, settings): never clear it between sessions.
    'appium:noReset': true,
    'appium:autoGrantPermissions': true,
    'appium:newCommandTimeout': 300,
    ...(target.udid ? { 'appium:udid': target.udid } : {}),
    ...(target.apk ? { 'appium:app': target.apk } : {}),
  };
}

export function capabilitiesFor(platform: ScreenPlatform, target: AndroidTarget = {}): AppiumCapabilities {
  return platform === 'web' ? chromiumCapabilities() : androidCapabilities(target);
}
