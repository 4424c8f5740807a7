import { describe, expect, it } from 'vitest';
import { formatSpeed, parseSpeed, safeParseSpeed } from './speed';

describe('safeParseSpeed', () => {
  it.each([
    ['1x', 1],
    ['100x', 100],
    [' 250 x ', 250],
    ['10000x', 10_000],
  ])('reads %j as %d', (input, speed) => {
    expect(safeParseSpeed(input, 'clock')).toEqual({ ok: true, value: speed });
  });

  it.each(['0x', '10001x', '100', 100, '1.5x', '-2x', 'x', 'fast', null])('rejects %j', (input) => {
    expect(safeParseSpeed(input, 'clock')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Expected `clock` to be a speed like 100x \(a whole number from 1x to 10,000x\), got /,
      ),
    });
  });

  it('throws for CLI flags, and writes a speed back as it reads', () => {
    expect(parseSpeed('50x', '--clock')).toBe(50);
    expect(() => parseSpeed('50', '--clock')).toThrow('Expected `--clock` to be a speed like 100x');
    expect(formatSpeed(parseSpeed('300x'))).toBe('300x');
  });
});
