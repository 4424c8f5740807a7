// Zod leaves for human strings: each reads its input through src/units, so messages come from one place.
import { z } from 'zod';
import {
  durationPattern,
  formatDuration,
  percentPattern,
  ratePattern,
  safeParseDuration,
  safeParseFraction,
  safeParsePercent,
  safeParseRate,
  safeParseSpeed,
  safeParseThreshold,
  speedPattern,
  thresholdPattern,
  expected,
  type Parsed,
  type Threshold,
  type ThresholdOp,
  type ThresholdUnit,
} from '../units';
import { maxDurationMs } from './defaults';
import { didYouMean } from './did-you-mean';

type Reader<T> = (input: unknown) => Parsed<T>;

/** A field checked by `makeInput`'s type check, then read by `read`; either failure carries `read`'s message. */
function humanField<I extends z.ZodType, T>(
  makeInput: (error: (issue: { input?: unknown }) => string) => I,
  read: Reader<T>,
) {
  const message = (issue: { input?: unknown }) => {
    const parsed = read(issue.input);
    return parsed.ok ? 'Invalid value' : parsed.message;
  };
  return makeInput(message).transform((input, context): T => {
    const parsed = read(input);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.message, input });
    return z.NEVER;
  });
}

/** Keeps a parsed number within bounds, with the bound written back in the field's own unit. */
function within(
  read: Reader<number>,
  name: string,
  min: number,
  max: number,
  exclusiveMin: boolean,
  show: (n: number) => string,
): Reader<number> {
  return (input) => {
    const parsed = read(input);
    if (!parsed.ok) return parsed;
    if (exclusiveMin ? parsed.value <= min : parsed.value < min) {
      return { ok: false, message: expected(name, `${exclusiveMin ? 'more than' : 'at least'} ${show(min)}`, input) };
    }
    if (parsed.value > max) return { ok: false, message: expected(name, `at most ${show(max)}`, input) };
    return parsed;
  };
}

export interface DurationBounds {
  /** Whether 0 is allowed (a burst `over: 0s` sends all at once); otherwise it must be more than 0. */
  readonly zero?: boolean;
}

function durationReader(name: string, bounds: DurationBounds): Reader<number> {
  return within(
    (input) => safeParseDuration(input, name),
    name,
    0,
    maxDurationMs,
    bounds.zero !== true,
    formatDuration,
  );
}

/** Milliseconds, written "10s" (or a bare 0); at most 7 days. */
export function duration(name: string, bounds: DurationBounds = {}) {
  return humanField((error) => z.union([z.string(), z.literal(0)], { error }), durationReader(name, bounds)).meta({
    pattern: durationPattern,
  });
}

/** Messages per second, written "5/s", "300/m" or "2/h". */
export function rate(name: string, bounds: { readonly zero?: boolean } = {}) {
  const read = within(
    (input) => safeParseRate(input, name),
    name,
    0,
    Number.MAX_VALUE,
    bounds.zero !== true,
    (n) => `${n}/s`,
  );
  return humanField((error) => z.string({ error }), read).meta({ pattern: ratePattern });
}

/** How fast a clock runs against the wall clock, written "100x" (1x to 10000x). */
export function speed(name: string) {
  return humanField(
    (error) => z.string({ error }),
    (input) => safeParseSpeed(input, name),
  ).meta({
    pattern: speedPattern,
  });
}

/** A fraction 0..1, written 0.2 or "20%". */
export function fraction(name: string) {
  return humanField(
    (error) => z.union([z.number(), z.string()], { error }),
    (input) => safeParseFraction(input, name),
  );
}

/** A share from 0% to 100%, written "20%" or as a fraction (0.2); read as a fraction 0..1. */
export function percentage(name: string) {
  const read = (input: unknown): Parsed<number> => {
    const parsed = safeParseFraction(input, name);
    return parsed.ok ? parsed : { ok: false, message: expected(name, 'a percentage from 0% to 100%', input) };
  };
  // For editors: the pattern checks a string, the bounds a number (JSON Schema applies each to its own type).
  return humanField((error) => z.union([z.number(), z.string()], { error }), read).meta({
    pattern: percentPattern,
    minimum: 0,
    maximum: 1,
  });
}

/** When in the run: "30s" after the load starts, or "50%" of the way through the load. */
export function moment(name: string) {
  type Moment = { kind: 'time'; ms: number } | { kind: 'percent'; fraction: number };
  const readTime = durationReader(name, { zero: true });
  const read = (input: unknown): Parsed<Moment> => {
    if (typeof input === 'string' && input.trim().endsWith('%')) {
      const share = safeParsePercent(input, name);
      if (share.ok && share.value <= 1) return { ok: true, value: { kind: 'percent', fraction: share.value } };
      return { ok: false, message: expected(name, 'a share of the load from 0% to 100%', input) };
    }
    const ms = readTime(input);
    if (ms.ok) return { ok: true, value: { kind: 'time', ms: ms.value } };
    if (safeParseDuration(input).ok) return ms;
    return { ok: false, message: expected(name, 'a time like 30s or a share of the load like 50%', input) };
  };
  return humanField((error) => z.union([z.string(), z.literal(0)], { error }), read).meta({
    pattern: `${durationPattern}|${percentPattern}`,
  });
}

/** A verdict's bound, written ">= 95%", "< 2s", "< 200MB", "<= 3" or a bare value meaning `defaultOp`. */
export function threshold(name: string, unit: ThresholdUnit, defaultOp: ThresholdOp) {
  const read = (input: unknown): Parsed<Threshold> => safeParseThreshold(input, { name, unit, defaultOp });
  return humanField((error) => z.union([z.string(), z.number()], { error }), read).meta({ pattern: thresholdPattern });
}

/** A literal word (`kill: device`), with a message that names the one accepted value. */
export function word<const W extends string>(name: string, value: W) {
  return z.literal(value, { error: (issue) => expected(name, `\`${value}\``, issue.input) });
}

/** One of a few words (`kill: device` or `kill: app`), with a message that names them and guesses a typo. */
export function oneOfWords<const W extends readonly [string, ...string[]]>(name: string, values: W) {
  const names = values.map((value) => `\`${value}\``);
  const what = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
  return z.enum(values, {
    error: (issue) => {
      const guess = typeof issue.input === 'string' ? didYouMean(issue.input, values) : '';
      return `${expected(name, what, issue.input)}${guess}`;
    },
  });
}
