import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { applyOverrides, parseOverride, recordedOverride } from './overrides';
import { parseScenario } from './parse-scenario';

const minimal = 'name: tiny\nload:\n  - burst: { count: 10, over: 1s }\n';

/** The bad-input error `run` throws, or a failure when there is none. */
function errorOf(run: () => unknown): SmsgwError {
  try {
    run();
  } catch (error) {
    if (error instanceof SmsgwError) return error;
    throw error;
  }
  throw new Error('expected a bad-input error');
}

const apply = (data: unknown, ...texts: string[]) => applyOverrides(data, texts.map(parseOverride));

describe('parseOverride', () => {
  it('reads the value by YAML scalar rules: numbers, booleans, quoted text, plain text, flow collections', () => {
    expect(parseOverride('load.0.burst.count=1000')).toEqual({
      text: 'load.0.burst.count=1000',
      path: ['load', '0', 'burst', 'count'],
      value: 1000,
    });
    expect(parseOverride('expect.content_intact=true').value).toBe(true);
    expect(parseOverride('server.secret=null').value).toBeNull();
    expect(parseOverride('seed="5"').value).toBe('5');
    expect(parseOverride('load.0.burst.over=5s').value).toBe('5s');
    expect(parseOverride('messages.text=a=b').value).toBe('a=b');
    expect(parseOverride('chaos=[a, b]').value).toEqual(['a', 'b']);
    expect(parseOverride('device={kind: virtual, clock: 100x}').value).toEqual({ kind: 'virtual', clock: '100x' });
  });

  it('refuses a text without `=`, an empty path or key, and a value that is not YAML, quoting the override', () => {
    expect(errorOf(() => parseOverride('foo'))).toMatchObject({
      code: 'bad-option',
      message: '`--set foo`: expected path=value, like load.0.burst.count=1000',
    });
    expect(errorOf(() => parseOverride('=1')).message).toContain('expected a path before `=`');
    for (const text of ['load..count=1', '.seed=1', 'seed.=1', 'load. 0=1'])
      expect(errorOf(() => parseOverride(text)).message, text).toContain('expected keys joined by single dots');
    expect(errorOf(() => parseOverride('load=[1,')).message).toMatch(/^`--set load=\[1,`: the value is not YAML: /);
    expect(errorOf(() => parseOverride(`chaos=${'['.repeat(100)}${']'.repeat(100)}`)).message).toContain(
      'nested more than 64 levels deep',
    );
  });
});

describe('applyOverrides', () => {
  it('sets a key deep in maps and list items, and makes the maps on the way that the file lacks', () => {
    const data = { name: 'tiny', load: [{ burst: { count: 10, over: '1s' } }] };
    const { data: changed, problems } = apply(data, 'load.0.burst.count=1000', 'expect.lost=5', 'seed=7');
    expect(problems).toEqual([]);
    expect(changed).toEqual({
      name: 'tiny',
      load: [{ burst: { count: 1000, over: '1s' } }],
      expect: { lost: 5 },
      seed: 7,
    });
    expect(data.load[0]!.burst.count).toBe(10);
  });

  it('says which list has no such item, which value is not a map, and which list was named by a word', () => {
    const data = { name: 'tiny', load: [{ burst: { count: 10 } }] };
    const { problems } = apply(data, 'load.3.burst.count=1', 'load.1=x', 'name.x=1', 'load.first.burst=1');
    expect(problems.map(({ override, message }) => `${override.text}: ${message}`)).toEqual([
      'load.3.burst.count=1: `load` has 1 item, so there is no `load.3`',
      'load.1=x: `load` has 1 item, so there is no `load.1`',
      'name.x=1: `name` is "tiny", not a map or a list, so it has no `x`',
      'load.first.burst=1: `load` is a list: name an item by number, like load.0',
    ]);
  });

  it('changes one place of a file where an alias made two places one object', () => {
    const step = { burst: { count: 10 } };
    const { data } = apply({ load: [step, step] }, 'load.1.burst.count=20');
    expect(data).toEqual({ load: [{ burst: { count: 10 } }, { burst: { count: 20 } }] });
  });

  it('sets `__proto__` as a key the schema then sees, never as the prototype', () => {
    const { data } = apply({}, '__proto__.polluted=1');
    expect(Object.keys(data as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses every override of a file that is not a map', () => {
    const { problems } = apply(['a'], 'seed=1');
    expect(problems[0]?.message).toBe('the scenario is a list, not a map, so it has no keys to set');
  });
});

describe('recordedOverride', () => {
  it('hides the value of a secret, set alone or inside a map, and keeps any other override as given', () => {
    expect(recordedOverride(parseOverride('server.secret=hunter2'))).toBe('server.secret=(hidden)');
    expect(recordedOverride(parseOverride('server={secret: hunter2}'))).toBe('server=(hidden)');
    expect(recordedOverride(parseOverride('expect.lost=5'))).toBe('expect.lost=5');
  });
});

describe('parseScenario with --set overrides', () => {
  const parse = (text: string, ...sets: string[]) => parseScenario(text, 'tiny.yaml', sets.map(parseOverride));

  it('checks the overridden data with the same schema and records the overrides', () => {
    const scenario = parse(minimal, 'load.0.burst.count=1000', 'expect.lost=5');
    expect(scenario.load).toEqual([{ kind: 'burst', count: 1000, overMs: 1000 }]);
    expect(scenario.expect.lost).toMatchObject({ op: '<=', value: 5 });
    expect(scenario.overrides).toEqual(['load.0.burst.count=1000', 'expect.lost=5']);
    expect(parse(minimal).overrides).toEqual([]);
  });

  it('reaches into the short form of `device` with device.clock, whether the file names a device or not', () => {
    expect(parse(minimal, 'device.clock=100x')).toMatchObject({ device: 'virtual', deviceClock: 100 });
    expect(parse(`${minimal}device: emulator\n`, 'device.kind=virtual', 'device.clock=10x')).toMatchObject({
      device: 'virtual',
      deviceClock: 10,
    });
  });

  it("names the override, not a place in the file, for a mistake in an override's value", () => {
    const error = errorOf(() => parse(minimal, 'load.0.burst.count=abc', 'expect.lsot=5', 'foo.bar=1'));
    expect(error.message).toBe('tiny.yaml: 3 problems');
    expect(error.issues).toEqual([
      '--set load.0.burst.count=abc: Expected `count` to be a number, got "abc"',
      '--set expect.lsot=5: Unknown key `lsot`; did you mean `lost`?',
      expect.stringMatching(/^--set foo\.bar=1: Unknown key `foo`; expected one of `name`/),
    ]);
  });

  it('lists an override that cannot be applied with the mistakes of the file itself', () => {
    const error = errorOf(() =>
      parse('name: Bad\nload:\n  - burst: { count: 10, over: 1s }\n', 'load.2.burst.count=5'),
    );
    expect(error.issues).toEqual([
      '--set load.2.burst.count=5: `load` has 1 item, so there is no `load.2`',
      expect.stringMatching(/^tiny\.yaml:1:7 Expected `name` to be lowercase/),
    ]);
  });

  it('points at the file for a whole that an override pushed over a limit, and says which override', () => {
    const error = errorOf(() => parse(minimal, 'load.0={constant: {rate: 10000/s, for: 2000s}}'));
    expect(error.issues).toEqual([
      'tiny.yaml:3:3 Expected `load` to send at most 10,000,000 SMS in all, got 20,000,000 (with --set load.0={constant: {rate: 10000/s, for: 2000s}})',
    ]);
  });
});
