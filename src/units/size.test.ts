import { describe, expect, it } from 'vitest';
import { formatBytes, parseSize, safeParseSize } from './size';

describe('safeParseSize', () => {
  it.each([
    ['200MB', 200_000_000],
    ['512KB', 512_000],
    ['512kB', 512_000],
    ['1.5GB', 1_500_000_000],
    ['100B', 100],
    ['256MiB', 256 * 1024 * 1024],
    ['1KiB', 1024],
    ['2 mb', 2_000_000],
    [0, 0],
  ])('reads %j as %d bytes (decimal units are powers of 1000)', (input, bytes) => {
    expect(safeParseSize(input, 'device_rss')).toEqual({ ok: true, value: bytes });
  });

  it('rejects a bare number and suggests units', () => {
    expect(safeParseSize(200, 'device_rss')).toEqual({
      ok: false,
      message: 'Expected `device_rss` to be a size like 200MB or 512KiB, got 200 (add a unit: 200MB or 200KB)',
    });
  });

  it.each(['big', '200', '200M', '200 megabytes', '-1MB', '1PB', true, null])('rejects %j', (input) => {
    expect(safeParseSize(input, 'device_rss').ok).toBe(false);
  });

  it('throws for CLI flags', () => {
    expect(() => parseSize('huge', '--max-rss')).toThrow(
      'Expected `--max-rss` to be a size like 200MB or 512KiB, got "huge"',
    );
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0B'],
    [512, '512B'],
    [1000, '1KB'],
    [153_456_789, '153.5MB'],
    [200_000_000, '200MB'],
    [999_960, '1MB'],
    [1_500_000_000, '1.5GB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
