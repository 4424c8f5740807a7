// The virtual device's web Health screen, opened in headless Chromium after a burst,
// shows the same numbers as its /health.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureWebBuild } from '../src/device/web/web-build';
import { compareHealthScreen } from '../src/device/appium/compare-health-screen';
import type { ScreenTexts } from '../src/device/core/screen-texts';
import { startBurstedDevice, type BurstedDevice } from './support/bursted-device';
import { describeWithTools } from './support/require-tool';
import { runProcess, wholeProgramTimeoutMs } from './support/run-cli';

const BURST = 100;
let bursted: BurstedDevice | null = null;

/** The page's DOM once its scripts ran: `--virtual-time-budget` lets the first /health load finish. */
function renderedDom(chromium: string, url: string): Promise<string> {
  return runProcess(chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--virtual-time-budget=5000',
    '--dump-dom',
    url,
  ]);
}

/** react-native-web renders testID as data-testid; the value is the element's text. */
function metricTexts(dom: string): ScreenTexts {
  const texts: Record<string, string> = {};
  for (const [, name, text] of dom.matchAll(/<[^>]*\bdata-testid="metric-([a-z0-9-]+)"[^>]*>([^<]*)</g))
    texts[name!] = text!;
  return texts as ScreenTexts;
}

describeWithTools(['chromium'], 'the web Health screen after a burst', ({ chromium }) => {
  beforeAll(async () => {
    await ensureWebBuild();
    bursted = await startBurstedDevice({ count: BURST });
    await bursted.waitForHealth((health) => health.engine.queueSize === 0 && health.engine.deliveredToday === BURST);
  });

  afterAll(async () => {
    await bursted?.close();
  });

  it(
    `shows ${BURST} delivered and every number /health has`,
    async () => {
      const dom = await renderedDom(chromium, `${bursted!.device.healthUrl}/`);
      const shown = metricTexts(dom);
      const health = await bursted!.device.health();

      expect(shown['today-delivered']).toBe(String(BURST));
      expect(shown.delivered).toBe(String(health.engine.delivered));
      expect(shown.retrying).toBe(String(health.engine.retrying));
      expect(shown.status).toBe('System Healthy');
      expect(compareHealthScreen(shown, health.engine, bursted!.stub.stats())).toMatchObject({
        matches: true,
        mismatches: [],
      });
    },
    wholeProgramTimeoutMs,
  );

  it(
    'keeps the device online when a page of another origin posts to its network control every way a page can',
    async () => {
      const control = `${bursted!.device.healthUrl}/_smsgw/network?online=false`;
      // What any site open in a browser on this machine could do: a form, fetch (no-cors, then cors), a beacon.
      // The form posts into a frame, so the page itself stays for --dump-dom to print and return.
      const page = `<!doctype html><iframe name="sink"></iframe><form id="f" method="POST" target="sink" action="${control}"></form><script>
      navigator.sendBeacon(${JSON.stringify(control)});
      fetch(${JSON.stringify(control)}, { method: 'POST', mode: 'no-cors' })
        .then(() => fetch(${JSON.stringify(control)}, { method: 'POST', headers: { authorization: 'Bearer guess' } }))
        .catch(() => undefined)
        .finally(() => document.getElementById('f').submit());
    </script>`;
      const evil: Server = createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(page),
      );
      await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
      try {
        await renderedDom(chromium, `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      } finally {
        evil.closeAllConnections();
        await new Promise((resolve) => evil.close(resolve));
      }
      expect((await bursted!.device.health()).engine.network).toBe('online');
      // The harness, which holds the console token, still can.
      await bursted!.device.setNetwork(false);
      expect((await bursted!.device.health()).engine.network).toBe('offline');
      await bursted!.device.setNetwork(true);
    },
    wholeProgramTimeoutMs,
  );
});
