import { describe, expect, it } from 'vitest';
import { tracedAgo } from './metrics-snapshot';

describe('tracedAgo', () => {
  const traced = { atMs: 120_000, duplicates: 0, lost: 0 };

  it('says how old a trace is in seconds, minutes, then hours and minutes', () => {
    expect(tracedAgo(traced, 120_000)).toBe('traced 0s ago');
    expect(tracedAgo(traced, 179_999)).toBe('traced 59s ago');
    expect(tracedAgo(traced, 185_000)).toBe('traced 1m ago');
    expect(tracedAgo(traced, 120_000 + 3_725_000)).toBe('traced 1h 2m ago');
  });

  it('never says a trace is from the future when the snapshot was taken before it', () => {
    expect(tracedAgo(traced, 119_000)).toBe('traced 0s ago');
  });
});
