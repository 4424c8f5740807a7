import { describe, expect, it } from '@jest/globals';
import { formatDuration, formatPercent, formatTimeSince } from './format-duration';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('formatTimeSince', () => {
  it('says "Just now" under a minute', () => {
    expect(formatTimeSince(now - 59_000, now)).toBe('Just now');
  });
  it('counts whole minutes under an hour', () => {
    expect(formatTimeSince(now - 3 * 60_000 - 5_000, now)).toBe('3 minutes ago');
    expect(formatTimeSince(now - 60_000, now)).toBe('1 minute ago');
  });
  it('counts hours under a day and days beyond', () => {
    expect(formatTimeSince(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(formatTimeSince(now - 4 * 86_400_000, now)).toBe('4 days ago');
  });
});

describe('formatDuration', () => {
  it('picks the unit by size and shows a dash when unknown', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(3 * 60_000)).toBe('3 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('shows one decimal of a 0..1 rate', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(null)).toBe('—');
  });
});
