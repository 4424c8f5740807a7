import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SmsgwError } from '../errors';
import { formatDuration, parseDuration, safeParseDuration } from './duration';

describe('safeParseDuration', () => {
  it.each([
    ['300ms', 300],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['1.001s', 1001],
    ['7d', 604_800_000],
    [' 10 s ', 10_000],
    ['1h 30m', 5_400_000],
    ['0s', 0],
    [0, 0],
  ])('reads %j as %d ms', (input, ms) => {
    expect(safeParseDuration(input, 'for')).toEqual({ ok: true, value: ms });
  });

  it('names the field and echoes the input, like execa', () => {
    expect(safeParseDuration('fast', 'retryAfter')).toEqual({
      ok: false,
      message: 'Expected `retryAfter` to be a duration like 1s or 300ms, got "fast"',
    });
  });

  it('rejects a bare number and suggests the units it could mean', () => {
    expect(safeParseDuration(10, 'for')).toEqual({
      ok: false,
      message: 'Expected `for` to be a duration like 1s or 300ms, got 10 (add a unit: 10s or 10ms)',
    });
    expect(safeParseDuration('10', 'for')).toMatchObject({ ok: false, message: expect.stringContaining('add a unit') });
  });

  it('rejects units written smallest first or twice', () => {
    expect(safeParseDuration('30m1h', 'for')).toMatchObject({
      ok: false,
      message: expect.stringContaining('largest first'),
    });
    expect(safeParseDuration('1s1s', 'for')).toMatchObject({ ok: false });
  });

  it.each(['', '  ', '-5s', '5', 's', '5 sec', '5min', '1e3s', '10s!', true, null, undefined, [], {}, Number.NaN])(
    'rejects %j',
    (input) => {
      expect(safeParseDuration(input, 'for').ok).toBe(false);
    },
  );

  it('rejects durations too long to count in milliseconds', () => {
    expect(safeParseDuration('99999999999999999d', 'for')).toMatchObject({
      ok: false,
      message: expect.stringContaining('too long'),
    });
  });
});

describe('parseDuration', () => {
  it('throws a bad-option SmsgwError for CLI flags', () => {
    expect(() => parseDuration('soon', '--timeout')).toThrow(SmsgwError);
    expect(() => parseDuration('soon', '--timeout')).toThrow('Expected `--timeout` to be a duration');
    expect(parseDuration('2m')).toBe(120_000);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [300, '300ms'],
    [0.5, '0.5ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
    [600_000, '10m'],
    [5_400_000, '1h30m'],
    [28_800_000, '8h'],
    [86_400_000, '1d'],
    [-2000, '-2s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms),
      { seed: 42, numRuns: 500 },
    );
  });
});
