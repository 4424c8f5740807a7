// Appium metrics (DESIGN §4 src/device/appium): the Health screen read through webdriverio.
export { measureDashboard, type MeasureDashboardOptions, type DashboardMeasurement } from './measure-dashboard';
export { compareDashboard, type DashboardComparison, type MetricCheck } from './compare-dashboard';
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
export {
  COMPARED_METRICS,
  parseCount,
  parseDuration,
  parsePercent,
  type ScreenMetric,
  type ScreenTexts,
} from './screen-metrics';
export { appiumDefaults } from './defaults';
