import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './did-you-mean';

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and swaps, ignoring case', () => {
    expect(editDistance('text', 'txt')).toBe(1);
    expect(editDistance('retryafter', 'retryAfter')).toBe(0);
    expect(editDistance('burst', 'brust')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests the closest key within a third of its length', () => {
    expect(closest('staus', ['status', 'delay'])).toBe('status');
    expect(didYouMean('txt', ['senders', 'text'])).toBe('; did you mean `text`?');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('whatever', ['name', 'load'])).toBe('');
  });
});
