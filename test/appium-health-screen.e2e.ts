// `measureHealthScreen` scrapes the web Health screen through Appium and judges it, and a number planted
// wrong on the screen (the wrong-dashboard defect) makes it fail.
import { afterEach, expect, it } from 'vitest';
import { measureHealthScreen } from '../src/device/appium/measure-health-screen';
import { startAppium, type AppiumServer } from '../src/device/appium/start-appium';
import { startBurstedDevice, type BurstedDevice } from './support/bursted-device';
import { describeWithTools } from './support/require-tool';
import { wholeProgramTimeoutMs } from './support/run-cli';

const BURST = 30;
let bursted: BurstedDevice | null = null;
let appium: AppiumServer | null = null;

afterEach(async () => {
  await bursted?.close();
  await appium?.stop();
  bursted = null;
  appium = null;
});

async function drainedDevice(defects: readonly string[] = []): Promise<BurstedDevice> {
  bursted = await startBurstedDevice({ count: BURST, defects });
  await bursted.waitForHealth((health) => health.engine.queueSize === 0 && health.engine.deliveredToday === BURST);
  return bursted;
}

// Appium's Chromium driver runs Debian's chromedriver, which starts Debian's Chromium.
describeWithTools(['chromium', 'chromedriver'], 'measureHealthScreen', () => {
  it(
    'finds the screen in agreement with /health and the stub on a healthy device',
    async () => {
      const device = await drainedDevice();
      const result = await measureHealthScreen({ healthUrl: device.device.healthUrl, stubStats: device.stub.stats() });
      expect(result.mismatches).toEqual([]);
      expect(result.matches).toBe(true);
      expect(result.scraped['today-delivered']).toBe(String(BURST));
    },
    wholeProgramTimeoutMs,
  );

  it(
    'fails, naming the metric, when the screen shows a number planted wrong (on an Appium given by URL)',
    async () => {
      const device = await drainedDevice(['wrong-dashboard']);
      appium = await startAppium();
      const result = await measureHealthScreen({
        healthUrl: device.device.healthUrl,
        stubStats: device.stub.stats(),
        appiumUrl: appium.url,
      });
      expect(result.matches).toBe(false);
      expect(result.mismatches).toEqual([
        `today-delivered: screen shows "${BURST + 1}", device /health says ${BURST}`,
        `today-delivered: screen shows "${BURST + 1}", stub accepted ${BURST}`,
      ]);
    },
    wholeProgramTimeoutMs,
  );
});
