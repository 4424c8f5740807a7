// Issue 3 item 6: the virtual device's web Health screen, opened in headless Chromium after a burst,
// shows the same numbers as its /health.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../src/device/virtual/web-build';
import { compareDashboard } from '../src/device/appium/compare-dashboard';
import type { ScreenTexts } from '../src/device/appium/screen-metrics';
import { startBurstedDevice, type BurstedDevice } from './support/bursted-device';

const BURST = 100;
let bursted: BurstedDevice | null = null;

beforeAll(async () => {
  await ensureWebBuild();
  bursted = await startBurstedDevice({ count: BURST });
  await bursted.waitForHealth((health) => health.engine.queueSize === 0 && health.engine.deliveredToday === BURST);
});

afterAll(async () => {
  await bursted?.close();
});

/** The page's DOM once its scripts ran: `--virtual-time-budget` lets the first /health load finish. */
async function renderedDom(url: string): Promise<string> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--virtual-time-budget=5000', '--dump-dom', url];
  const { stdout } = await promisify(execFile)('/usr/bin/chromium', args, { timeout: 30_000, maxBuffer: 10_000_000 });
  return stdout;
}

/** react-native-web renders testID as data-testid; the value is the element's text. */
function metricTexts(dom: string): ScreenTexts {
  const texts: Record<string, string> = {};
  for (const [, name, text] of dom.matchAll(/<[^>]*\bdata-testid="metric-([a-z0-9-]+)"[^>]*>([^<]*)</g)) texts[name!] = text!;
  return texts as ScreenTexts;
}

describe('the web Health screen after a burst', () => {
  it(`shows ${BURST} delivered and every number /health has`, async () => {
    const dom = await renderedDom(`${bursted!.device.healthUrl}/`);
    const shown = metricTexts(dom);
    const health = await bursted!.device.health();

    expect(shown['today-delivered']).toBe(String(BURST));
    expect(shown.delivered).toBe(String(health.engine.delivered));
    expect(shown.retrying).toBe(String(health.engine.retrying));
    expect(shown.status).toBe('System Healthy');
    expect(compareDashboard(shown, health.engine, bursted!.stub.stats())).toMatchObject({ matches: true, mismatches: [] });
  });
});
