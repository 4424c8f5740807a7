import { describe, expect, it } from 'vitest';
import { isGsm7, smsParts } from './sms-parts';

describe('smsParts', () => {
  it('fits 160 GSM-7 characters in one part and 153 in each part after', () => {
    expect(smsParts('a'.repeat(160))).toEqual({ encoding: 'gsm-7', parts: 1 });
    expect(smsParts('a'.repeat(161))).toEqual({ encoding: 'gsm-7', parts: 2 });
    expect(smsParts('a'.repeat(307))).toEqual({ encoding: 'gsm-7', parts: 3 });
  });

  it('counts extension characters (€, braces) as two septets', () => {
    expect(smsParts('€'.repeat(80))).toEqual({ encoding: 'gsm-7', parts: 1 });
    expect(smsParts('€'.repeat(81))).toEqual({ encoding: 'gsm-7', parts: 2 });
  });

  it('falls back to UCS-2 for anything outside GSM-7: 70 units, then 67 a part', () => {
    expect(isGsm7('Привет')).toBe(false);
    expect(smsParts('Ж'.repeat(70))).toEqual({ encoding: 'ucs-2', parts: 1 });
    expect(smsParts('Ж'.repeat(71))).toEqual({ encoding: 'ucs-2', parts: 2 });
    // An emoji is a surrogate pair: two UTF-16 units.
    expect(smsParts('😀'.repeat(36))).toEqual({ encoding: 'ucs-2', parts: 2 });
  });
});
