// Percents and fractions: "95%" → 0.95; a fault's `rate` takes 0.2 or "20%" alike.
import { expected, fail, ok, trimmed, valueOrThrow, type Parsed } from './parsed';

/** For JSON Schema: what a percent string looks like. */
export const percentPattern = '^\\s*\\d+(\\.\\d+)?\\s*%\\s*$';
const shape = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

/** Reads "95%" as 0.95. Only strings with a % sign: a bare 95 would be ambiguous with 0.95. */
export function safeParsePercent(input: unknown, name = 'percent'): Parsed<number> {
  const match = typeof input === 'string' ? shape.exec(input) : null;
  if (!match) return fail(expected(name, 'a percent like 95%', input));
  // Shifting the decimal point in the text keeps 99.9% exactly 0.999, where 99.9 / 100 might not be.
  return ok(Number(`${match[1]}e-2`));
}

/** Reads "95%" as 0.95 or throws `bad-option` (for CLI flags). */
export function parsePercent(input: unknown, name = 'percent'): number {
  return valueOrThrow(safeParsePercent(input, name));
}

/** Reads a fraction from 0 to 1, written as a number (0.2) or a percent ("20%"). */
export function safeParseFraction(input: unknown, name = 'fraction'): Parsed<number> {
  const what = 'a fraction from 0 to 1 or a percent like 20%';
  let value: number;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string' && input.includes('%')) {
    const percent = safeParsePercent(input, name);
    if (!percent.ok) return fail(expected(name, what, input));
    value = percent.value;
  } else if (typeof input === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(input)) value = Number(input);
  else return fail(expected(name, what, input));
  if (!(value >= 0 && value <= 1)) return fail(expected(name, what, input));
  return ok(value);
}

/** Reads a fraction from 0 to 1 or throws `bad-option` (for CLI flags). */
export function parseFraction(input: unknown, name = 'fraction'): number {
  return valueOrThrow(safeParseFraction(input, name));
}

/** Formats a fraction as a percent with at most two decimals: 0.2 → "20%", 0.9995 → "99.95%". */
export function formatPercent(fraction: number): string {
  return `${trimmed(fraction * 100, 2)}%`;
}
