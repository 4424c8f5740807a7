import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { maxNestingDepth } from './defaults';
import { tooDeepAt } from './nesting-depth';
import { parseScenario } from './parse-scenario';

describe('tooDeepAt', () => {
  it('finds nothing too deep in a real scenario, four levels deep', () => {
    expect(tooDeepAt('name: x\nload:\n  - burst: { count: 1, over: 1s }\nexpect: { lost: 0 }\n', 4)).toBeNull();
  });

  it('points at the first collection past the limit, in flow, block and compact style', () => {
    expect(tooDeepAt('a: [1, [2, [3]]]', 3)).toEqual({ line: 1, col: 12 });
    expect(tooDeepAt('a:\n  b:\n    c:\n      d: 1', 3)).toEqual({ line: 4, col: 7 });
    expect(tooDeepAt('- - - - x', 3)).toEqual({ line: 1, col: 7 });
  });
});

describe('parseScenario on deeply nested YAML', () => {
  // Found by fuzzing: the second parse of this 1 KB file aborted the process with
  // "FATAL ERROR: RegExpCompiler Allocation failed", after yaml's composer overflowed the stack.
  it('refuses a thousand nested lists with a located problem, as often as it is asked', () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const error = (() => {
        try {
          parseScenario('['.repeat(1000), 'deep.yaml');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SmsgwError);
      expect(error).toMatchObject({
        code: 'bad-scenario',
        issues: [`deep.yaml:1:${maxNestingDepth + 1} YAML: nested more than ${maxNestingDepth} levels deep`],
      });
    }
  });

  it('refuses deep block nesting the same way', () => {
    expect(() => parseScenario('- '.repeat(5000), 'deep.yaml')).toThrow(
      expect.objectContaining({ issues: [expect.stringMatching(/^deep\.yaml:1:\d+ YAML: nested more than/)] }),
    );
  });
});
