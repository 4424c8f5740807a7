// Durations: "300ms", "10s", "2m", "1h30m", "7d". Every duration in smsgw is read here.
import { expected, fail, ok, tidy, trimmed, valueOrThrow, type Parsed } from './parsed';

const msPer = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type DurationUnit = keyof typeof msPer;
/** Largest unit first: the order parts must be written in. */
const unitOrder: readonly DurationUnit[] = ['d', 'h', 'm', 's', 'ms'];

/** For JSON Schema: what a duration string looks like (a bare 0 is the only number accepted). */
export const durationPattern = '^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*)+$';
const part = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*/y;
const what = 'a duration like 1s or 300ms';

/**
 * Reads a duration in milliseconds. Parts are written largest first ("1h30m"); a bare number is
 * rejected because "10" could be seconds or milliseconds — except 0, which needs no unit.
 */
export function safeParseDuration(input: unknown, name = 'duration'): Parsed<number> {
  if (input === 0) return ok(0);
  if (typeof input === 'number') return fail(expected(name, what, input, `add a unit: ${input}s or ${input}ms`));
  if (typeof input !== 'string') return fail(expected(name, what, input));
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return fail(expected(name, what, input, `add a unit: ${text}s or ${text}ms`));
  if (text === '') return fail(expected(name, what, input));
  let total = 0;
  let previous = -1;
  part.lastIndex = 0;
  while (part.lastIndex < input.length) {
    const start = part.lastIndex;
    const match = part.exec(input);
    if (!match || match.index !== start) return fail(expected(name, what, input));
    const unit = match[2] as DurationUnit;
    const rank = unitOrder.indexOf(unit);
    if (rank <= previous) return fail(expected(name, what, input, 'write each unit once, largest first, like 1h30m'));
    previous = rank;
    total += Number(match[1]) * msPer[unit];
  }
  if (!Number.isSafeInteger(Math.round(total))) return fail(expected(name, what, input, 'too long'));
  return ok(tidy(total));
}

/** Reads a duration in milliseconds or throws `bad-option` (for CLI flags). */
export function parseDuration(input: unknown, name = 'duration'): number {
  return valueOrThrow(safeParseDuration(input, name));
}

/** Formats milliseconds the way they are written: 300 → "300ms", 90000 → "1m30s", 5400000 → "1h30m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < msPer.s) return `${trimmed(ms, 3)}ms`;
  let rest = Math.round(ms);
  let text = '';
  for (const unit of ['d', 'h', 'm'] as const) {
    const count = Math.floor(rest / msPer[unit]);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * msPer[unit];
  }
  if (rest > 0) text += `${trimmed(rest / msPer.s, 3)}s`;
  return text;
}
