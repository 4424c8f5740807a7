import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { maxListedIssues } from './defaults';
import { duplicateKeyOffsets } from './duplicate-keys';
import { parseScenario } from './parse-scenario';

const positions = (text: string) => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  return duplicateKeyOffsets(doc).map((offset) => lineCounter.linePos(offset));
};

describe('duplicateKeyOffsets', () => {
  it('finds a repeated key in block and flow maps, at any depth, at the repeat', () => {
    expect(positions('a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd: { e: 1, e: 2 }\n')).toEqual([
      { line: 4, col: 3 },
      { line: 5, col: 1 },
      { line: 6, col: 12 },
    ]);
  });

  it('does not mix up keys of different maps, or a key and a value', () => {
    expect(positions('a: { b: 1 }\nc: { b: 1 }\nd: d\n')).toEqual([]);
  });
});

describe('parseScenario on a file with thousands of problems', () => {
  // Found by fuzzing: yaml's uniqueKeys check is quadratic, and every problem was located
  // by a walk of its map: 50,000 unknown keys (a 680 KB file) took over a minute to refuse.
  it(`counts every problem but lists the first ${maxListedIssues}`, () => {
    const text = Array.from({ length: 5000 }, (_, index) => `k${index}: ${index}`).join('\n');
    expect(() => parseScenario(text, 'keys.yaml')).toThrow(
      expect.objectContaining({ message: `keys.yaml: 5002 problems, ${maxListedIssues} listed` }),
    );
  });
});
