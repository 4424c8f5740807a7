// The shared shape of every unit reader: a value, or one sentence saying what was expected.
import { SmsgwError } from '../errors';

/** What reading one human string gave: the value, or a message ready for a user. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail(message: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message };
}

/** Longest echo of a user's input inside a message; the rest is elided. */
const echoChars = 40;

/** Renders an input for "got …": strings quoted, numbers bare, absence named. */
export function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null (an empty value)';
  if (typeof input === 'string') {
    const shown = input.length > echoChars ? `${input.slice(0, echoChars)}…` : input;
    return JSON.stringify(shown);
  }
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint') return String(input);
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Uint8Array) return 'binary data';
  return typeof input === 'object' ? 'a map' : typeof input;
}

/** "Expected `retryAfter` to be a duration like 1s or 300ms, got \"fast\"" — execa's phrasing. */
export function expected(name: string, what: string, input: unknown, why?: string): string {
  const suffix = why === undefined ? '' : ` (${why})`;
  return `Expected \`${name}\` to be ${what}, got ${describeInput(input)}${suffix}`;
}

/** The value, or a thrown `bad-option` error: for CLI flags, where one bad value stops the command. */
export function valueOrThrow<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  throw new SmsgwError('bad-option', parsed.message);
}

/** Rounds away binary noise (1.001 * 1000 = 1000.9999999999999) while keeping real fractions. */
export function tidy(value: number, decimals = 6): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** A number shown with at most `decimals` decimals and no trailing zeros: 1.50 → "1.5". */
export function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
