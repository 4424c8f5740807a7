import { describe, expect, it } from 'vitest';
import {
  formatThreshold,
  parseThreshold,
  passesThreshold,
  safeParseThreshold,
  type ThresholdOptions,
} from './threshold';

const lost: ThresholdOptions = { name: 'lost', unit: 'count', defaultOp: '<=' };
const successRate: ThresholdOptions = { name: 'success_rate', unit: 'ratio', defaultOp: '>=' };
const latency: ThresholdOptions = { name: 'p95_latency', unit: 'ms', defaultOp: '<=' };
const rss: ThresholdOptions = { name: 'device_rss', unit: 'bytes', defaultOp: '<=' };

describe('safeParseThreshold', () => {
  it.each([
    [lost, 0, { op: '<=', value: 0, unit: 'count', text: '0' }],
    [lost, '<= 3', { op: '<=', value: 3, unit: 'count', text: '<= 3' }],
    [lost, '== 0', { op: '==', value: 0, unit: 'count', text: '== 0' }],
    [lost, '= 0', { op: '==', value: 0, unit: 'count', text: '= 0' }],
    [successRate, '>= 95%', { op: '>=', value: 0.95, unit: 'ratio', text: '>= 95%' }],
    [successRate, '100%', { op: '>=', value: 1, unit: 'ratio', text: '100%' }],
    [successRate, 0.99, { op: '>=', value: 0.99, unit: 'ratio', text: '0.99' }],
    [latency, '< 2s', { op: '<', value: 2000, unit: 'ms', text: '< 2s' }],
    [latency, '2m', { op: '<=', value: 120_000, unit: 'ms', text: '2m' }],
    [rss, '< 200MB', { op: '<', value: 200_000_000, unit: 'bytes', text: '< 200MB' }],
    [rss, '>200MB', { op: '>', value: 200_000_000, unit: 'bytes', text: '>200MB' }],
  ] as const)('reads %j %j', (options, input, threshold) => {
    expect(safeParseThreshold(input, options)).toEqual({ ok: true, value: threshold });
  });

  it.each([
    [latency, 'fast', 'Expected `p95_latency` to be a threshold with a time like "< 2s", got "fast"'],
    [latency, '< 2', 'Expected `p95_latency` to be a threshold with a time like "< 2s", got "< 2"'],
    [successRate, '>= 95', 'Expected `success_rate` to be a threshold with a ratio like ">= 95%", got ">= 95"'],
    [rss, '< 200', 'Expected `device_rss` to be a threshold with a size like "< 200MB", got "< 200"'],
    [lost, -1, 'Expected `lost` to be a threshold with a count like 0 or "<= 3", got -1'],
    [lost, '<=', 'Expected `lost` to be a threshold with a count like 0 or "<= 3", got "<="'],
    [lost, '=> 3', 'Expected `lost` to be a threshold with a count like 0 or "<= 3", got "=> 3"'],
    [lost, true, 'Expected `lost` to be a threshold with a count like 0 or "<= 3", got true'],
  ] as const)('rejects %j %j', (options, input, message) => {
    expect(safeParseThreshold(input, options)).toEqual({ ok: false, message });
  });

  it('throws for CLI flags', () => {
    expect(() => parseThreshold('soon', latency)).toThrow('Expected `p95_latency`');
  });
});

describe('formatThreshold', () => {
  it('writes the canonical form whatever was written', () => {
    expect(formatThreshold(parseThreshold(0, lost))).toBe('<= 0');
    expect(formatThreshold(parseThreshold(0.95, successRate))).toBe('>= 95%');
    expect(formatThreshold(parseThreshold('<1500ms', latency))).toBe('< 1.5s');
    expect(formatThreshold(parseThreshold('< 0.2GB', rss))).toBe('< 200MB');
  });
});

describe('passesThreshold', () => {
  it('compares the measured value with each operator', () => {
    const check = (text: string, actual: number) => passesThreshold(parseThreshold(text, lost), actual);
    expect([check('< 3', 2), check('< 3', 3)]).toEqual([true, false]);
    expect([check('<= 3', 3), check('<= 3', 4)]).toEqual([true, false]);
    expect([check('> 3', 4), check('> 3', 3)]).toEqual([true, false]);
    expect([check('>= 3', 3), check('>= 3', 2)]).toEqual([true, false]);
    expect([check('== 3', 3), check('== 3', 2)]).toEqual([true, false]);
  });
});
