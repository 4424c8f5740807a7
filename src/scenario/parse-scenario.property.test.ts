import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SmsgwError } from '../errors';
import { parseScenario } from './parse-scenario';

/** parseScenario may return or throw SmsgwError('bad-scenario'); anything else is a bug. */
function onlyBadScenario(text: string): boolean {
  try {
    parseScenario(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof SmsgwError) || error.code !== 'bad-scenario') throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.message).toMatch(
      new RegExp(
        `^fuzz\\.yaml: ${error.issues.length} problems?$|^fuzz\\.yaml: \\d+ problems, ${error.issues.length} listed$`,
      ),
    );
    // Every position is one an editor can jump to: inside the text, or just past its end.
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const issue of error.issues) {
      const [, line, col] = /^fuzz\.yaml:(\d+):(\d+) \S/.exec(issue) ?? [];
      expect(issue).toMatch(/^fuzz\.yaml:\d+:\d+ \S/);
      expect(Number(line)).toBeGreaterThanOrEqual(1);
      expect(Number(line)).toBeLessThanOrEqual(lineCount + 1);
      expect(Number(col)).toBeGreaterThanOrEqual(1);
    }
  }
  return true;
}

const keys = [
  'name',
  'load',
  'burst',
  'count',
  'over',
  'constant',
  'rate',
  'for',
  'ramp',
  'soak',
  'from',
  'to',
  'server',
  'faults',
  'status',
  'delay',
  'reset',
  'hang',
  'outage',
  'at',
  'during',
  'retryAfter',
  'messages',
  'senders',
  'text',
  'chaos',
  'kill',
  'network',
  'expect',
  'lost',
  'success_rate',
  'p95_latency',
  'device_rss',
  'drained_within',
  'seed',
  'device',
  '__proto__',
];
const leaves = fc.oneof(
  fc.constantFrom(
    '10s',
    '0',
    '5/s',
    '20%',
    '>= 95%',
    '< 2s',
    '200MB',
    'device',
    'off',
    'mixed',
    'x',
    '',
    '-1s',
    '1h30m',
  ),
  fc.integer({ min: -5, max: 1_000_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
);
/** Objects shaped like scenarios: right keys, wrong nesting and values, deep enough to reach every union. */
const yamlish = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaves, tie('map'), tie('list')),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), tie('node'), { maxKeys: 5 }),
  list: fc.array(tie('node'), { maxLength: 4 }),
})).map;

describe('parseScenario on arbitrary input', () => {
  it('never throws anything but SmsgwError(bad-scenario) for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), onlyBadScenario), {
      seed: 20_240_601,
      numRuns: 500,
    });
  });

  it('never throws anything but SmsgwError(bad-scenario) for scenario-shaped YAML', () => {
    fc.assert(
      fc.property(yamlish, (data) => onlyBadScenario(stringify(data))),
      { seed: 20_240_602, numRuns: 500 },
    );
  });

  it('never throws anything but SmsgwError(bad-scenario) for collections nested thousands deep', () => {
    // Before the depth limit, the second of these aborted the whole process.
    const opener = fc.constantFrom('[', '{a: ', '- ', '? ', '[{a: ', 'a:\n ');
    const nested = fc
      .tuple(fc.array(opener, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3000 }), fc.boolean())
      .map(([openers, depth, closed]) => {
        const open = Array.from({ length: depth }, (_, index) => openers[index % openers.length]).join('');
        return closed
          ? `${open}1${open.replace(/[^[{]/g, '').replaceAll('[', ']').replaceAll('{', '}').split('').reverse().join('')}`
          : open;
      });
    fc.assert(fc.property(nested, onlyBadScenario), { seed: 20_261_133, numRuns: 60 });
  });

  it('never throws anything but SmsgwError(bad-scenario) for a valid scenario with one line mangled', () => {
    const lines = [
      'name: ok',
      'load:',
      '  - burst: { count: 100, over: 10s }',
      'server:',
      '  faults:',
      '    - { status: 503, rate: 0.2 }',
      'expect: { lost: 0 }',
    ];
    const mangled = fc
      .tuple(fc.nat({ max: lines.length - 1 }), fc.string({ maxLength: 20 }))
      .map(([index, junk]) =>
        lines
          .map((line, at) => (at === index ? `${line.slice(0, junk.length % (line.length + 1))}${junk}` : line))
          .join('\n'),
      );
    fc.assert(fc.property(mangled, onlyBadScenario), { seed: 20_240_603, numRuns: 500 });
  });
});
