import { describe, expect, it } from 'vitest';
import { formatRate, parseRate, safeParseRate } from './rate';

describe('safeParseRate', () => {
  it.each([
    ['5/s', 5],
    ['300/m', 5],
    ['2/h', 2 / 3600],
    ['0.5/s', 0.5],
    [' 10 / s ', 10],
    ['0/s', 0],
  ])('reads %j as %d per second', (input, perSecond) => {
    expect(safeParseRate(input, 'rate')).toEqual({ ok: true, value: perSecond });
  });

  it('rejects a bare number and suggests the units it could mean', () => {
    expect(safeParseRate(5, 'rate')).toEqual({
      ok: false,
      message: 'Expected `rate` to be a rate like 5/s or 300/m, got 5 (add a unit: 5/s or 5/m)',
    });
  });

  it.each(['fast', '5', '5/d', '5 per s', '-5/s', '/s', '5/', true, null, undefined])('rejects %j', (input) => {
    expect(safeParseRate(input, 'rate')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Expected `rate` to be a rate/),
    });
  });

  it('throws for CLI flags', () => {
    expect(() => parseRate('lots', '--rate')).toThrow('Expected `--rate` to be a rate like 5/s or 300/m, got "lots"');
  });
});

describe('formatRate', () => {
  it.each([
    [5, '5/s'],
    [1.25, '1.25/s'],
    [0.5, '30/m'],
    [2 / 3600, '2/h'],
    [0, '0/s'],
  ])('formats %d per second as %s', (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
  });
});
