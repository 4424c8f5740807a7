import { browser, expect } from '@wdio/globals';
import { sendMore } from './e2e-env';
import { element, openHealthScreen, shown } from './screen';

describe('the refresh button', () => {
  it('brings in SMS delivered since the screen last loaded', async () => {
    // Auto-refresh pushed out to an hour: only the button can bring the new number.
    await openHealthScreen('?refreshMs=3600000');
    const before = Number(await shown('metric-today-delivered'));
    const after = (await sendMore(5)).engine.deliveredToday;
    expect(after).toBe(before + 5);
    expect(await shown('metric-today-delivered')).toBe(String(before));

    await element('refresh-button').click();
    await browser.waitUntil(async () => (await shown('metric-today-delivered')) === String(after), {
      timeout: 5_000,
      timeoutMsg: `the screen still shows ${before} delivered 5 s after the refresh button; /health says ${after}`,
    });
  });
});
