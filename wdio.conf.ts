// WebdriverIO configuration of the Appium end-to-end specs in test/e2e/, in two profiles chosen by
// SMSGW_WDIO_PROFILE:
//   web      (default) the virtual device's web Health screen in headless Chromium, through an
//            Appium started here with appium-chromium-driver; runs on any machine with Chromium.
//   android  the installed app on an emulator or phone, through UiAutomator2 on an Appium you run
//            (SMSGW_APPIUM_URL, default http://127.0.0.1:4723/); needs the Android SDK.
// Run: `npm run test:e2e:web`, or `SMSGW_WDIO_PROFILE=android npx wdio run wdio.conf.ts`.
import { fileURLToPath } from 'node:url';
import { androidCapabilities, chromiumCapabilities } from './src/device/appium/capabilities';
import { freePort } from './src/device/appium/start-appium';
import type { WebFixture } from './test/e2e/web-fixture';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// ── Profile ─────────────────────────────────────────────────────────────────────────────────────
export const profile = process.env.SMSGW_WDIO_PROFILE === 'android' ? 'android' : 'web';

/** SMS fired at the virtual device before the specs run. */
const BURST = 100;

// ── Where Appium listens ────────────────────────────────────────────────────────────────────────
// The launcher picks a free port once and puts it in the environment; the spec workers load this
// file again and, having inherited the variable, agree on the port.
process.env.SMSGW_E2E_APPIUM_PORT ??= String(await freePort());
const appiumUrl = new URL(
  profile === 'web'
    ? `http://127.0.0.1:${process.env.SMSGW_E2E_APPIUM_PORT}/`
    : (process.env.SMSGW_APPIUM_URL ?? 'http://127.0.0.1:4723/'),
);

// ── Specs per profile ───────────────────────────────────────────────────────────────────────────
// The Android app has no second, rejecting device and no console the workers can reach by
// default: there, only the accuracy spec runs (against the stub URL given in SMSGW_E2E_STUB_URL).
const specs =
  profile === 'web' ? [here('./test/e2e/*.spec.ts')] : [here('./test/e2e/dashboard-matches-server.spec.ts')];

let fixture: WebFixture | null = null;

export const config: WebdriverIO.Config = {
  // ── Runner ──────────────────────────────────────────────────────────────────────────────────
  runner: 'local',
  rootDir: here('.'),
  specs,
  // One device, one screen: specs that add SMS must not race each other.
  maxInstances: 1,

  // ── Session: Appium and capabilities ────────────────────────────────────────────────────────
  protocol: appiumUrl.protocol === 'https:' ? 'https' : 'http',
  hostname: appiumUrl.hostname,
  port: Number(appiumUrl.port || (appiumUrl.protocol === 'https:' ? 443 : 80)),
  path: appiumUrl.pathname,
  capabilities: [
    profile === 'web'
      ? chromiumCapabilities()
      : androidCapabilities({
          ...(process.env.ANDROID_SERIAL ? { udid: process.env.ANDROID_SERIAL } : {}),
          ...(process.env.SMSGW_APK ? { apk: process.env.SMSGW_APK } : {}),
        }),
  ],
  logLevel: 'warn',
  // Chromium starts in about a second; the first UiAutomator2 session installs its server (minutes).
  connectionRetryTimeout: profile === 'web' ? 60_000 : 240_000,
  connectionRetryCount: 1,
  waitforTimeout: 10_000,

  // ── Framework and reporting ─────────────────────────────────────────────────────────────────
  framework: 'mocha',
  reporters: ['spec'],
  // Auto-refresh waits up to 10 s on its own; a spec also fires SMS and waits for delivery.
  mochaOpts: { ui: 'bdd', timeout: 60_000 },

  // ── Hooks: the web profile's world ──────────────────────────────────────────────────────────
  // Appium, the stub and the devices live in the launcher process, so every spec file (one worker
  // each) sees the same device and they are stopped exactly once, in onComplete.
  async onPrepare() {
    if (profile !== 'web') return;
    const { startWebFixture } = await import('./test/e2e/web-fixture');
    fixture = await startWebFixture({
      appiumPort: Number(process.env.SMSGW_E2E_APPIUM_PORT),
      burst: BURST,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    Object.assign(process.env, fixture.env);
  },
  async onComplete() {
    await fixture?.stop();
    fixture = null;
  },
};
