import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import { parseDefect } from './defects';

describe('parseDefect', () => {
  it('reads a fraction and a percentage', () => {
    expect(parseDefect('drop:0.01')).toEqual({ kind: 'drop', rate: 0.01 });
    expect(parseDefect('duplicate:5%')).toEqual({ kind: 'duplicate', rate: 0.05 });
  });

  it('rejects an unknown defect with the list of known ones', () => {
    expect(() => parseDefect('explode:1')).toThrow(SmsgwError);
    expect(() => parseDefect('explode:1')).toThrow(/drop:0.01/);
  });

  it('takes wrong-dashboard without a rate as 100%, but insists on a rate for drop', () => {
    expect(parseDefect('wrong-dashboard')).toEqual({ kind: 'wrong-dashboard', rate: 1 });
    expect(() => parseDefect('drop')).toThrow(/drop:0.01/);
  });

  it('rejects a rate above 1', () => {
    expect(() => parseDefect('drop:2')).toThrow(/within 0..1/);
  });
});
