import { browser } from '@wdio/globals';
import { sendMore } from './e2e-env';
import { openHealthScreen, shown } from './screen';

// The Health screen's 10 s auto-refresh, plus the time one /health load takes.
const AUTO_REFRESH_BUDGET_MS = 10_500;

describe('auto-refresh', () => {
  it('shows new deliveries within 10 s without a touch', async () => {
    await openHealthScreen();
    const after = (await sendMore(3)).engine.deliveredToday;
    await browser.waitUntil(async () => (await shown('metric-today-delivered')) === String(after), {
      timeout: AUTO_REFRESH_BUDGET_MS,
      interval: 250,
      timeoutMsg: `the screen did not show ${after} delivered within 10 s of the device having it`,
    });
  });
});
