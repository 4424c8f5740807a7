// Clock speeds: "100x" is a clock that runs 100 times the wall clock (`device: { clock: 100x }`).
import { expected, fail, ok, valueOrThrow, type Parsed } from './parsed';

/** Slowest and fastest clock a device may run: real time, and three days in 26 s of wall time. */
export const minSpeed = 1;
export const maxSpeed = 10_000;

/** For JSON Schema: what a speed string looks like. */
export const speedPattern = '^\\s*\\d+\\s*x\\s*$';
const shape = /^\s*(\d+)\s*x\s*$/;

/** Reads "100x" as 100: a whole number from 1 to 10,000, then `x`. */
export function safeParseSpeed(input: unknown, name = 'clock'): Parsed<number> {
  const what = `a speed like 100x (a whole number from ${minSpeed}x to ${maxSpeed.toLocaleString('en')}x)`;
  const match = typeof input === 'string' ? shape.exec(input) : null;
  if (!match) return fail(expected(name, what, input));
  const speed = Number(match[1]);
  if (speed < minSpeed || speed > maxSpeed) return fail(expected(name, what, input));
  return ok(speed);
}

/** Reads "100x" as 100 or throws `bad-option` (for CLI flags). */
export function parseSpeed(input: unknown, name = 'clock'): number {
  return valueOrThrow(safeParseSpeed(input, name));
}

/** 100 → "100x". */
export function formatSpeed(speed: number): string {
  return `${speed}x`;
}
