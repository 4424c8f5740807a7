import { describe, expect, it } from 'vitest';
import { localDateTime, readableBytes, readableDuration, wordsOf } from './html-format';

describe('readableDuration', () => {
  it('reads ms, seconds, minutes, hours and days as a person says them', () => {
    expect(readableDuration(258)).toBe('258 ms');
    expect(readableDuration(1_234)).toBe('1.2 s');
    expect(readableDuration(54_313)).toBe('54 s');
    expect(readableDuration(184_000)).toBe('3 min 4 s');
    expect(readableDuration(2 * 3_600_000 + 5 * 60_000 + 12_000)).toBe('2 h 5 min');
    expect(readableDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(readableDuration(3_600_000)).toBe('1 h');
  });
});

describe('readableBytes', () => {
  it('reads sizes in decimal units, MB with one decimal', () => {
    expect(readableBytes(512)).toBe('512 B');
    expect(readableBytes(512_000)).toBe('512 KB');
    expect(readableBytes(122_839_040)).toBe('122.8 MB');
    expect(readableBytes(1_250_000_000)).toBe('1.25 GB');
  });
});

describe('localDateTime', () => {
  it('reads an instant in the given zone with its offset, from epoch ms or ISO', () => {
    const at = Date.UTC(2026, 11, 7, 1, 12, 7);
    expect(localDateTime(at, 60)).toBe('2026-12-07 02:12:07 (UTC+01:00)');
    expect(localDateTime('2026-12-07T01:12:07.000Z', -330)).toBe('2026-12-06 19:42:07 (UTC-05:30)');
    expect(localDateTime(at, 0)).toBe('2026-12-07 01:12:07 (UTC+00:00)');
  });

  it('reads in the zone of the machine that writes the page when none is given', () => {
    const at = Date.UTC(2026, 11, 7, 1, 12, 7);
    expect(localDateTime(at)).toBe(localDateTime(at, -new Date(at).getTimezoneOffset()));
  });
});

describe('wordsOf', () => {
  it('turns a field name into words', () => {
    expect(wordsOf('queueSize')).toBe('Queue size');
    expect(wordsOf('p95_latency')).toBe('P95 latency');
    expect(wordsOf('rejected4xx')).toBe('Rejected 4xx');
    expect(wordsOf('lastHTTPStatus')).toBe('Last http status');
  });
});
