import { browser } from '@wdio/globals';
import { sendMore } from './e2e-env';
import { openHealthScreen, shown } from './screen';

// The Health screen refreshes every 10 s (pinned exactly with fake timers in HealthScreen.test.tsx);
// here a real browser on a busy machine only has to show it happens without a touch: three periods.
const AUTO_REFRESH_BUDGET_MS = 35_000;

describe('auto-refresh', () => {
  it('shows new deliveries by itself, without a touch', async () => {
    await openHealthScreen();
    const after = (await sendMore(3)).engine.deliveredToday;
    await browser.waitUntil(async () => (await shown('metric-today-delivered')) === String(after), {
      timeout: AUTO_REFRESH_BUDGET_MS,
      interval: 250,
      timeoutMsg: `the screen did not show ${after} delivered within 35 s of the device having it, untouched`,
    });
  });
});
