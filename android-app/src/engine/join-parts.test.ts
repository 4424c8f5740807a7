import { describe, expect, it } from 'vitest';
import { joinParts } from './join-parts';

describe('joinParts', () => {
  it('returns a single-part SMS unchanged', () => {
    expect(joinParts([{ body: 'hello', index: 1, total: 1 }])).toEqual({ body: 'hello', parts: 1 });
  });

  it('joins a multipart SMS by index whatever order the parts arrive in', () => {
    const parts = [
      { body: 'C', index: 3, total: 3 },
      { body: 'A', index: 1, total: 3 },
      { body: 'B', index: 2, total: 3 },
    ];
    expect(joinParts(parts)).toEqual({ body: 'ABC', parts: 3 });
    expect(joinParts([...parts].reverse())).toEqual({ body: 'ABC', parts: 3 });
  });

  it('tolerates a PDU delivered twice with the same text', () => {
    expect(
      joinParts([
        { body: 'A', index: 1, total: 2 },
        { body: 'B', index: 2, total: 2 },
        { body: 'A', index: 1, total: 2 },
      ]).body,
    ).toBe('AB');
  });

  it('rejects parts that disagree on the total, with a message naming both totals', () => {
    expect(() =>
      joinParts([
        { body: 'A', index: 1, total: 2 },
        { body: 'B', index: 2, total: 3 },
      ]),
    ).toThrow(/total 2 and 3/);
  });

  it('rejects a missing part, an index out of range, and one index with two texts', () => {
    expect(() =>
      joinParts([
        { body: 'A', index: 1, total: 3 },
        { body: 'C', index: 3, total: 3 },
      ]),
    ).toThrow(/missing part\(s\) 2 of 3/);
    expect(() => joinParts([{ body: 'A', index: 0, total: 1 }])).toThrow(/between 1 and 1/);
    expect(() =>
      joinParts([
        { body: 'A', index: 1, total: 2 },
        { body: 'X', index: 1, total: 2 },
      ]),
    ).toThrow(/twice with different text/);
    expect(() => joinParts([])).toThrow(/at least one/);
  });
});
