// Thresholds: ">= 95%", "< 2s", "< 200MB", "<= 3", or a bare value with the verdict's usual direction.
import { formatDuration, safeParseDuration } from './duration';
import { expected, fail, ok, valueOrThrow, type Parsed } from './parsed';
import { formatPercent, safeParseFraction } from './percent';
import { formatBytes, safeParseSize } from './size';
import { formatGrowth, safeParseGrowth } from './growth';

export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==';
/** What the number means: a count of messages, a ratio 0..1, milliseconds, bytes, or bytes per hour. */
export type ThresholdUnit = 'count' | 'ratio' | 'ms' | 'bytes' | 'bytesPerHour';

/** One verdict's bound: `actual op value` must hold. */
export interface Threshold {
  op: ThresholdOp;
  value: number;
  unit: ThresholdUnit;
  /** The threshold as the scenario wrote it, for reports. */
  text: string;
  /**
   * `<= baseline * 1.2`: the bound is a baseline run's measured value times this factor, and `value`
   * is NaN (fails every comparison) until `smsgw run --baseline` fills it in.
   */
  baselineFactor?: number;
}

export interface ThresholdOptions {
  /** The field's name, for messages. */
  readonly name: string;
  readonly unit: ThresholdUnit;
  /** The comparison a bare value means: "lost: 0" is "at most 0", "success_rate: 95%" is "at least". */
  readonly defaultOp: ThresholdOp;
}

/** For JSON Schema: an optional comparison, then a value. */
export const thresholdPattern = '^\\s*(<=|>=|==|<|>|=)?\\s*\\S.*$';
const shape = /^\s*(<=|>=|==|<|>|=)?\s*(.*?)\s*$/;
const relative = /^baseline(?:\s*\*\s*(\d+(?:\.\d+)?))?$/;
const examples: Record<ThresholdUnit, string> = {
  count: 'a count like 0 or "<= 3"',
  ratio: 'a ratio like ">= 95%"',
  ms: 'a time like "< 2s"',
  bytes: 'a size like "< 200MB"',
  bytesPerHour: 'a growth rate like "< 5MB/h"',
};

function readValue(value: unknown, unit: ThresholdUnit): Parsed<number> {
  switch (unit) {
    case 'count': {
      const count = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? ok(count) : fail('');
    }
    case 'ratio':
      return safeParseFraction(value);
    case 'ms':
      return safeParseDuration(value);
    case 'bytes':
      return safeParseSize(value);
    case 'bytesPerHour':
      return safeParseGrowth(value);
  }
}

/** Reads a threshold; the value is in the unit's base (ratio 0..1, ms, bytes). */
export function safeParseThreshold(input: unknown, options: ThresholdOptions): Parsed<Threshold> {
  const { name, unit, defaultOp } = options;
  const what = `a threshold with ${examples[unit]}`;
  if (typeof input === 'number') {
    const value = readValue(input, unit);
    return value.ok
      ? ok({ op: defaultOp, value: value.value, unit, text: String(input) })
      : fail(expected(name, what, input));
  }
  if (typeof input !== 'string') return fail(expected(name, what, input));
  const match = shape.exec(input);
  const rest = match?.[2] ?? '';
  const written = match?.[1] as ThresholdOp | '=' | undefined;
  const op = written === undefined ? defaultOp : written === '=' ? '==' : written;
  const fromBaseline = relative.exec(rest);
  if (fromBaseline)
    return ok({ op, value: Number.NaN, unit, text: input.trim(), baselineFactor: Number(fromBaseline[1] ?? 1) });
  const value = readValue(rest, unit);
  if (!match || rest === '' || !value.ok) return fail(expected(name, what, input));
  return ok({ op, value: value.value, unit, text: input.trim() });
}

/** Reads a threshold or throws `bad-option` (for CLI flags). */
export function parseThreshold(input: unknown, options: ThresholdOptions): Threshold {
  return valueOrThrow(safeParseThreshold(input, options));
}

/** Formats a value in a threshold's unit: 0.95 → "95%", 2000 → "2s", 2e8 → "200MB". */
export function formatThresholdValue(value: number, unit: ThresholdUnit): string {
  switch (unit) {
    case 'count':
      return String(value);
    case 'ratio':
      return formatPercent(value);
    case 'ms':
      return formatDuration(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerHour':
      return formatGrowth(value);
  }
}

/** The canonical form, whatever was written: "lost: 0" → "<= 0". */
export function formatThreshold(threshold: Threshold): string {
  return `${threshold.op} ${formatThresholdValue(threshold.value, threshold.unit)}`;
}

/** Whether a measured value satisfies the threshold. */
export function passesThreshold(threshold: Threshold, actual: number): boolean {
  switch (threshold.op) {
    case '<':
      return actual < threshold.value;
    case '<=':
      return actual <= threshold.value;
    case '>':
      return actual > threshold.value;
    case '>=':
      return actual >= threshold.value;
    case '==':
      return actual === threshold.value;
  }
}
