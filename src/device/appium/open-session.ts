// A WebdriverIO session on an Appium server (ours, an existing one or a grid): the one place that
// turns an Appium URL and a platform into a `remote()` call.
import { remote } from 'webdriverio';
import { capabilitiesFor, type AndroidTarget, type ScreenPlatform } from './capabilities';
import { appiumDefaults as defaults } from './defaults';

export async function openScreenSession(
  appiumUrl: string,
  platform: ScreenPlatform,
  target: AndroidTarget = {},
): Promise<WebdriverIO.Browser> {
  const url = new URL(appiumUrl);
  return remote({
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    hostname: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    path: url.pathname,
    capabilities: capabilitiesFor(platform, target),
    logLevel: 'error',
    connectionRetryTimeout: defaults.connectionRetryTimeoutMs,
    // On a loaded machine the first POST /session can meet a socket hang-up while Chromium starts;
    // a retry is cheap, and any session a lost answer left behind ends when its Appium stops.
    connectionRetryCount: 2,
  });
}
