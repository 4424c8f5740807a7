// A WebdriverIO session on an Appium server (ours, an existing one or a grid): the one place that
// turns an Appium URL and a platform into a `remote()` call.
import type * as Webdriverio from 'webdriverio';
import { importOptional, requireInstalled, type OptionalPackage } from '../../optional-packages';
import { capabilitiesFor, type AndroidTarget, type ScreenPlatform } from './capabilities';
import { appiumDefaults as defaults } from './defaults';

/** What a Health screen session on `platform` needs installed, for the install command a missing one prints. */
export const appiumPackagesFor = (platform: ScreenPlatform): OptionalPackage[] => [
  'appium',
  platform === 'web' ? 'appium-chromium-driver' : 'appium-uiautomator2-driver',
  'webdriverio',
];

/**
 * Before a run starts: what a Health screen session on `platform` needs is installed (Appium and its
 * driver only when smsgw starts Appium itself, not for `--appium <url>`); else exit 3 with the command.
 */
export function checkScreenPackages(platform: ScreenPlatform, ownAppium: boolean): void {
  const needs = appiumPackagesFor(platform);
  requireInstalled(ownAppium ? needs : ['webdriverio'], 'Reading the Health screen through Appium');
}

export async function openScreenSession(
  appiumUrl: string,
  platform: ScreenPlatform,
  target: AndroidTarget = {},
): Promise<WebdriverIO.Browser> {
  const url = new URL(appiumUrl);
  const { remote } = await importOptional<typeof Webdriverio>(
    'webdriverio',
    'Reading the Health screen through Appium',
    appiumPackagesFor(platform),
  );
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
