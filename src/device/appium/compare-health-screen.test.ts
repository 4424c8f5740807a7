import { describe, expect, it } from 'vitest';
import type { Health } from '../../../android-app/src/engine/types';
import { compareHealthScreen } from './compare-health-screen';
import type { ScreenTexts } from '../core/screen-texts';

const device = {
  queueSize: 0,
  pending: 0,
  failed: 1,
  deliveredToday: 99,
  totalToday: 100,
  successRate24h: 0.99,
} as Health;
const screen: ScreenTexts = {
  'queue-size': '0',
  pending: '0',
  failed: '1',
  'today-delivered': '99',
  'today-total': '100',
  'success-rate': '99.0%',
};

describe('compareHealthScreen', () => {
  it('matches when the screen shows what /health and the stub say', () => {
    expect(compareHealthScreen(screen, device, { accepted: 99 })).toMatchObject({ matches: true, mismatches: [] });
  });

  it('names the metric, what the screen showed and what the device said', () => {
    const result = compareHealthScreen({ ...screen, 'today-delivered': '100' }, device, { accepted: 99 });
    expect(result.matches).toBe(false);
    expect(result.mismatches).toEqual([
      'today-delivered: screen shows "100", device /health says 99',
      'today-delivered: screen shows "100", stub accepted 99',
    ]);
  });

  it('catches a device whose own count disagrees with what the server accepted', () => {
    expect(compareHealthScreen(screen, device, { accepted: 98 }).mismatches).toEqual([
      'today-delivered: screen shows "99", stub accepted 98',
    ]);
  });

  it('accepts the rate rounded to one decimal, and "—" only when nothing finished', () => {
    expect(
      compareHealthScreen(
        { ...screen, 'success-rate': '99.0%' },
        { ...device, successRate24h: 0.98995 },
        { accepted: 99 },
      ).matches,
    ).toBe(true);
    expect(compareHealthScreen({ ...screen, 'success-rate': '98.9%' }, device, { accepted: 99 }).matches).toBe(false);
    expect(
      compareHealthScreen({ ...screen, 'success-rate': '—' }, { ...device, successRate24h: null }, { accepted: 99 })
        .matches,
    ).toBe(true);
  });

  it('fails a metric the screen did not show at all', () => {
    const { pending: _pending, ...withoutPending } = screen;
    expect(compareHealthScreen(withoutPending, device, { accepted: 99 }).mismatches).toEqual([
      'pending: screen shows nothing (no such element), device /health says 0',
    ]);
  });
});
