// Rates: "5/s", "300/m", "2/h". Every rate in smsgw is read here, as messages per second.
import { expected, fail, ok, trimmed, valueOrThrow, type Parsed } from './parsed';

const secondsPer = { s: 1, m: 60, h: 3600 } as const;
type RateUnit = keyof typeof secondsPer;

/** For JSON Schema: what a rate string looks like. */
export const ratePattern = '^\\s*\\d+(\\.\\d+)?\\s*/\\s*(s|m|h)\\s*$';
const shape = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m|h)\s*$/;
const what = 'a rate like 5/s or 300/m';

/** Reads a rate in messages per second. A bare number is rejected: per second or per minute? */
export function safeParseRate(input: unknown, name = 'rate'): Parsed<number> {
  if (typeof input === 'number') return fail(expected(name, what, input, `add a unit: ${input}/s or ${input}/m`));
  if (typeof input !== 'string') return fail(expected(name, what, input));
  const match = shape.exec(input);
  if (!match) return fail(expected(name, what, input));
  const perSecond = Number(match[1]) / secondsPer[match[2] as RateUnit];
  if (!Number.isFinite(perSecond)) return fail(expected(name, what, input, 'too large'));
  return ok(perSecond);
}

/** Reads a rate in messages per second or throws `bad-option` (for CLI flags). */
export function parseRate(input: unknown, name = 'rate'): number {
  return valueOrThrow(safeParseRate(input, name));
}

/** The smallest unit in which a rate shows at least one: 5 → s, 0.5 → m, 0.001 → h. */
function unitFor(perSecond: number): RateUnit {
  return (['s', 'm'] as const).find((unit) => Math.abs(perSecond * secondsPer[unit]) >= 1) ?? 'h';
}

/**
 * Formats messages per second in the smallest unit that shows at least one: 5 → "5/s", 0.5 → "30/m".
 * `like` picks the unit of another rate instead, so a difference reads in the unit of what it is
 * a difference of: 0.00004 like 20 → "0/s", not "0.14/h".
 */
export function formatRate(perSecond: number, like: number = perSecond): string {
  if (!Number.isFinite(perSecond) || perSecond === 0) return `${perSecond}/s`;
  const unit = unitFor(like);
  return `${trimmed(perSecond * secondsPer[unit], 2)}/${unit}`;
}
