import { expect } from '@wdio/globals';
import { compareHealthScreen } from '../../src/device/appium/compare-health-screen';
import { deviceHealth, required, stubStats } from './e2e-env';
import { openHealthScreen, scrape } from './screen';

describe('the Health screen after a burst', () => {
  it('shows what the device /health and the stub ledger say', async () => {
    await openHealthScreen();
    const scraped = await scrape();
    const result = compareHealthScreen(scraped, (await deviceHealth()).engine, await stubStats());
    expect(result.mismatches).toEqual([]);
    expect(Number(scraped['today-delivered'])).toBeGreaterThanOrEqual(Number(required('burst')));
  });
});
