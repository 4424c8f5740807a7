import { describe, expect, it } from 'vitest';
import { formatPercent, parseFraction, parsePercent, safeParseFraction, safeParsePercent } from './percent';

describe('safeParsePercent', () => {
  it.each([
    ['95%', 0.95],
    ['99.9%', 0.999],
    ['100%', 1],
    ['0%', 0],
    [' 20 % ', 0.2],
  ])('reads %j as %d', (input, fraction) => {
    expect(safeParsePercent(input, 'at')).toEqual({ ok: true, value: fraction });
  });

  it.each(['95', 95, '-5%', '%', 'half', null])('rejects %j', (input) => {
    expect(safeParsePercent(input, 'at')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Expected `at` to be a percent like 95%, got /),
    });
  });

  it('throws for CLI flags', () => {
    expect(parsePercent('50%')).toBe(0.5);
    expect(() => parsePercent('50')).toThrow('Expected `percent` to be a percent like 95%, got "50"');
  });
});

describe('safeParseFraction', () => {
  it.each([
    [0.2, 0.2],
    ['20%', 0.2],
    ['0.05', 0.05],
    [0, 0],
    [1, 1],
    ['100%', 1],
  ])('reads %j as %d', (input, fraction) => {
    expect(safeParseFraction(input, 'rate')).toEqual({ ok: true, value: fraction });
  });

  it.each([1.5, -0.1, '150%', 'often', Number.NaN, true, null])('rejects %j with one message', (input) => {
    expect(safeParseFraction(input, 'rate')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Expected `rate` to be a fraction from 0 to 1 or a percent like 20%, got /),
    });
  });

  it('throws for CLI flags', () => {
    expect(() => parseFraction(2, '--loss')).toThrow('got 2');
  });
});

describe('formatPercent', () => {
  it.each([
    [0.2, '20%'],
    [0.05, '5%'],
    [0.07, '7%'],
    [0.9995, '99.95%'],
    [1, '100%'],
  ])('formats %d as %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });
});
