import { describe, expect, it } from 'vitest';
import { RecentContents } from './recent-contents';

describe('RecentContents', () => {
  it('knows a content until the window has passed since it was last stored', () => {
    const recent = new RecentContents(1_000, 10);
    recent.remember('+1555', 'hi', 0);
    recent.remember('+1555', 'hi', 500);
    expect(recent.has('+1555', 'hi', 1_499)).toBe(true);
    expect(recent.has('+1555', 'hi', 1_500)).toBe(false);
  });

  it('tells contents apart by sender and text, whatever characters they hold', () => {
    const recent = new RecentContents(1_000, 10);
    recent.remember('a\u0000b', 'c', 0);
    expect(recent.has('a', '\u0000bc', 1)).toBe(false);
    expect(recent.has('a\u0000b', 'c', 1)).toBe(true);
  });

  it('forgets expired contents and keeps at most maxEntries, the oldest going first', () => {
    const recent = new RecentContents(1_000, 3);
    for (let index = 0; index < 5; index += 1) recent.remember('+1555', `text ${index}`, index);
    expect(recent.size).toBe(3);
    expect(recent.has('+1555', 'text 1', 10)).toBe(false);
    expect(recent.has('+1555', 'text 2', 10)).toBe(true);
    recent.remember('+1555', 'late', 2_000);
    expect(recent.size).toBe(1);
  });
});
