import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parsePercent } from './screen-metrics';

describe('reading the Health screen back into numbers', () => {
  it('reads counts, and tells an unknown value from an unreadable one', () => {
    expect(parseCount('100')).toEqual({ kind: 'number', value: 100 });
    expect(parseCount('—')).toEqual({ kind: 'none' });
    expect(parseCount('1e3')).toEqual({ kind: 'unreadable', text: '1e3' });
  });

  it('reads a percentage as shown, to one decimal', () => {
    expect(parsePercent('97.5%')).toEqual({ kind: 'number', value: 97.5 });
    expect(parsePercent('—')).toEqual({ kind: 'none' });
    expect(parsePercent('97.5')).toMatchObject({ kind: 'unreadable' });
  });

  it('reads every duration format the app writes', () => {
    expect(parseDuration('850 ms')).toEqual({ kind: 'number', value: 850 });
    expect(parseDuration('12.4 s')).toEqual({ kind: 'number', value: 12_400 });
    expect(parseDuration('3 min')).toEqual({ kind: 'number', value: 180_000 });
    expect(parseDuration('2 h 5 min')).toEqual({ kind: 'number', value: 7_500_000 });
    expect(parseDuration('soon')).toMatchObject({ kind: 'unreadable' });
  });
});
