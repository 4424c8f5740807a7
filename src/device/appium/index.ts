// Appium metrics: the Health screen read through webdriverio.
export {
  measureHealthScreen,
  type MeasureHealthScreenOptions,
  type HealthScreenMeasurement,
} from './measure-health-screen';
export { compareHealthScreen, type HealthScreenComparison, type MetricCheck } from './compare-health-screen';
export { startAppium, freePort, type AppiumServer } from './start-appium';
export { openScreenSession } from './open-session';
export {
  androidCapabilities,
  chromiumCapabilities,
  capabilitiesFor,
  type ScreenPlatform,
  type AndroidTarget,
} from './capabilities';
export { byTestId, pressRefresh, scrapeHealthScreen, waitForHealthScreen } from './scrape-health-screen';
export { parseCount, parseDuration, parsePercent } from './screen-metrics';
export { COMPARED_METRICS, type ScreenMetric, type ScreenTexts } from '../core/screen-texts';
export { appiumDefaults } from './defaults';
