import { describe, expect, it } from 'vitest';
import { formatGrowth, parseGrowth, safeParseGrowth } from './growth';

describe('growth rates', () => {
  it('reads megabytes per hour as bytes per hour', () => {
    expect(parseGrowth('5MB/h')).toBe(5_000_000);
  });

  it('scales per-minute growth up to an hour', () => {
    expect(parseGrowth('1MB/m')).toBe(60_000_000);
  });

  it('rejects a size without a time unit, naming the field', () => {
    const parsed = safeParseGrowth('5MB', 'rss_growth');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/rss_growth.*5MB\/h/);
  });

  it('formats bytes per hour back to a readable rate, negative included', () => {
    expect(formatGrowth(5_000_000)).toBe('5MB/h');
    expect(formatGrowth(-200_000)).toBe('-200KB/h');
  });
});
