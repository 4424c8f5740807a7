// WebdriverIO configuration for the Appium end-to-end specs in test/e2e/.
// The Appium issue fills in the `android` and `web` profiles; until then no spec is declared,
// so `wdio run wdio.conf.ts` has nothing to run and CI does not call it.

/** Which device the specs drive: `web` (the virtual device's Health screen in Chromium) or `android`. */
export const profile = process.env.SMSGW_WDIO_PROFILE ?? 'web';

export const config = {
  runner: 'local',
  specs: [] as string[],
  maxInstances: 1,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 120_000 },
};
