import { describe, expect, it } from 'vitest';
import { androidCapabilities, chromiumCapabilities } from './capabilities';
import { byTestId } from './scrape-health-screen';

describe('Appium capabilities', () => {
  it('drive Debian Chromium headless without letting the driver download a chromedriver', () => {
    expect(chromiumCapabilities()).toMatchObject({
      platformName: 'linux',
      browserName: 'chrome',
      'appium:automationName': 'Chromium',
      'appium:executable': '/usr/bin/chromedriver',
      'appium:autodownloadEnabled': false,
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: expect.arrayContaining(['--headless', '--no-sandbox']),
      },
    });
  });

  it('find RN testIDs as resource-ids on Android, with id autocompletion off', () => {
    expect(androidCapabilities({ udid: 'emulator-5554' })).toMatchObject({
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:appPackage': 'dev.smsgw.gateway',
      'appium:disableIdLocatorAutocompletion': true,
      'appium:udid': 'emulator-5554',
    });
    expect(byTestId('android', 'metric-queue-size')).toBe('id=metric-queue-size');
    expect(byTestId('web', 'metric-queue-size')).toBe('[data-testid="metric-queue-size"]');
  });
});
