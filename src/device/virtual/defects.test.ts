import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import { defaultLeakBytesPerPost, defaultSpikeBytes, describeDefect, parseDefect } from './defects';

describe('parseDefect', () => {
  it('reads a fraction and a percentage', () => {
    expect(parseDefect('drop:0.01')).toEqual({ kind: 'drop', rate: 0.01 });
    expect(parseDefect('duplicate:5%')).toEqual({ kind: 'duplicate', rate: 0.05 });
    expect(parseDefect('drop:0.1%')).toEqual({ kind: 'drop', rate: 0.001 });
  });

  it('rejects an unknown defect with the list of known ones', () => {
    expect(() => parseDefect('explode:1')).toThrow(SmsgwError);
    expect(() => parseDefect('explode:1')).toThrow(
      /drop, duplicate, mangle, latency, leak, skip-signature, wrong-dashboard, hang, refuse, spike, dedupe-content/,
    );
  });

  it('lists every kind with its syntax in the hint', () => {
    const error = (() => {
      try {
        parseDefect('explode');
      } catch (caught) {
        return caught as SmsgwError;
      }
      throw new Error('parseDefect did not throw');
    })();
    expect(error.exitCode).toBe(2);
    for (const example of [
      'drop:0.1%',
      'duplicate:0.1%',
      'latency:500ms',
      'leak or leak:1MB',
      'skip-signature',
      'wrong-dashboard',
      'hang:1%',
      'refuse:1%',
      'spike or spike:300MB',
      'retry-budget or retry-budget:2',
      'dedupe-content',
    ])
      expect(error.hint).toContain(example);
  });

  it('takes wrong-dashboard and skip-signature without a rate as 100%, but insists on a rate for drop', () => {
    expect(parseDefect('wrong-dashboard')).toEqual({ kind: 'wrong-dashboard', rate: 1 });
    expect(parseDefect('skip-signature')).toEqual({ kind: 'skip-signature', rate: 1 });
    expect(parseDefect('skip-signature:50%')).toEqual({ kind: 'skip-signature', rate: 0.5 });
    expect(() => parseDefect('drop')).toThrow(/carry a rate, like drop:0.1%/);
  });

  it('rejects a rate above 1', () => {
    expect(() => parseDefect('drop:2')).toThrow(/a fraction from 0 to 1/);
  });

  it('reads latency as a duration and insists on one', () => {
    expect(parseDefect('latency:500ms')).toEqual({ kind: 'latency', delayMs: 500 });
    expect(parseDefect('latency:1.5s')).toEqual({ kind: 'latency', delayMs: 1500 });
    expect(() => parseDefect('latency')).toThrow(/carry a delay, like latency:500ms/);
    expect(() => parseDefect('latency:500')).toThrow(/add a unit/);
    expect(() => parseDefect('latency:0ms')).toThrow(/above 0/);
  });

  it('reads leak with a default of 256 KB a POST, or a size', () => {
    expect(parseDefect('leak')).toEqual({ kind: 'leak', bytesPerPost: defaultLeakBytesPerPost });
    expect(parseDefect('leak:1MB')).toEqual({ kind: 'leak', bytesPerPost: 1_000_000 });
    expect(() => parseDefect('leak:lots')).toThrow(/a size like 200MB/);
  });

  it('insists on a rate for hang and refuse, as for drop', () => {
    expect(parseDefect('hang:1%')).toEqual({ kind: 'hang', rate: 0.01 });
    expect(parseDefect('refuse:0.5%')).toEqual({ kind: 'refuse', rate: 0.005 });
    expect(() => parseDefect('hang')).toThrow(/carry a rate, like hang:0.1%/);
    expect(() => parseDefect('refuse')).toThrow(/carry a rate, like refuse:0.1%/);
  });

  it('reads spike with a default of 300 MB, or a size above 0', () => {
    expect(parseDefect('spike')).toEqual({ kind: 'spike', bytes: defaultSpikeBytes });
    expect(defaultSpikeBytes).toBe(300_000_000);
    expect(parseDefect('spike:100MB')).toEqual({ kind: 'spike', bytes: 100_000_000 });
    expect(() => parseDefect('spike:0MB')).toThrow(/above 0, like spike:300MB/);
    expect(() => parseDefect('spike:huge')).toThrow(/a size like 200MB/);
  });

  it('reads retry-budget as a number of attempts below the engine’s own, 2 unless given', () => {
    expect(parseDefect('retry-budget')).toEqual({ kind: 'retry-budget', attempts: 2 });
    expect(parseDefect('retry-budget:5')).toEqual({ kind: 'retry-budget', attempts: 5 });
    for (const bad of ['retry-budget:0', 'retry-budget:50', 'retry-budget:1.5', 'retry-budget:many'])
      expect(() => parseDefect(bad), bad).toThrow(/to be a number of attempts from 1 to 49, like retry-budget:2/);
    expect(describeDefect(parseDefect('retry-budget'))).toMatch(/^retry-budget 2 attempt\(s\): give up on a message/);
  });

  it('takes follow-redirects and ignore-tls without an argument only, and describes what the client does wrong', () => {
    expect(parseDefect('follow-redirects')).toEqual({ kind: 'follow-redirects' });
    expect(parseDefect('ignore-tls')).toEqual({ kind: 'ignore-tls' });
    expect(() => parseDefect('ignore-tls:yes')).toThrow(/take no argument/);
    expect(describeDefect(parseDefect('follow-redirects'))).toMatch(
      /^follow-redirects: .*a 301, 302 or 303 becomes a GET/,
    );
    expect(describeDefect(parseDefect('ignore-tls'))).toMatch(/^ignore-tls: .*accepts any certificate/);
  });

  it('takes dedupe-content without an argument only', () => {
    expect(parseDefect('dedupe-content')).toEqual({ kind: 'dedupe-content' });
    expect(() => parseDefect('dedupe-content:1m')).toThrow(/take no argument/);
  });
});

describe('describeDefect', () => {
  it('names the amount in the unit of each kind', () => {
    expect(describeDefect(parseDefect('drop:0.1%'))).toMatch(/^drop 0.1%: answer OK/);
    expect(describeDefect(parseDefect('latency:500ms'))).toMatch(/^latency 500ms: wait/);
    expect(describeDefect(parseDefect('leak'))).toMatch(/^leak 256(\.0)? ?KB a POST: keep memory/);
    expect(describeDefect(parseDefect('leak'))).toMatch(/256KB unless sized$/);
    expect(describeDefect(parseDefect('hang:1%'))).toMatch(/^hang 1%: store nothing and never answer/);
    expect(describeDefect(parseDefect('refuse:1%'))).toMatch(/^refuse 1%: answer KO .*every retry/);
    expect(describeDefect(parseDefect('spike'))).toMatch(/^spike 300MB: once, early in the load/);
  });

  it('describes dedupe-content without an amount', () => {
    expect(describeDefect(parseDefect('dedupe-content'))).toMatch(
      /^dedupe-content: answer OK but store nothing .* stored less than 1m before$/,
    );
  });
});
