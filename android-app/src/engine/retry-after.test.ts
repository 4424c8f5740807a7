import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after';

const now = Date.UTC(2025, 5, 15, 12, 0, 0, 250);

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('0', now)).toBe(0);
    expect(parseRetryAfterMs(' 30 ', now)).toBe(30_000);
  });

  it('reads an IMF-fixdate and rounds up to never come back early', () => {
    // 12:01:00 GMT is 59.75 s after `now`: wait 60 s, not 59.
    expect(parseRetryAfterMs('Sun, 15 Jun 2025 12:01:00 GMT', now)).toBe(60_000);
  });

  it('treats a date in the past as "now", never a negative wait', () => {
    expect(parseRetryAfterMs('Sun, 15 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
  });
});

describe('parseRetryAfterMs with obsolete date formats', () => {
  it('reads RFC 850 and asctime dates where the platform parses them', () => {
    expect(parseRetryAfterMs('Sunday, 15-Jun-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfterMs('Sun Jun 15 12:01:00 2025 GMT', now)).toBe(60_000);
  });
});
