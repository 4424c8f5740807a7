// Growth rates: "5MB/h", "512KB/h", "1MB/m". Memory and database growth verdicts are read here, as bytes per hour.
import { expected, fail, ok, valueOrThrow, type Parsed } from './parsed';
import { formatBytes, safeParseSize } from './size';

const hoursPer = { s: 1 / 3600, m: 1 / 60, h: 1 } as const;
type GrowthUnit = keyof typeof hoursPer;

/** For JSON Schema: a size, a slash, a time unit. */
export const growthPattern = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgGtT][iI]?)?[bB]\\s*/\\s*(s|m|h)\\s*$';
const shape = /^\s*(.+?)\s*\/\s*(s|m|h)\s*$/;
const what = 'a growth rate like 5MB/h';

/** Reads a growth rate in bytes per hour (a bare 0 means no growth at all). */
export function safeParseGrowth(input: unknown, name = 'growth'): Parsed<number> {
  if (input === 0) return ok(0);
  if (typeof input !== 'string') return fail(expected(name, what, input));
  const match = shape.exec(input);
  const bytes = match ? safeParseSize(match[1]) : null;
  if (!match || !bytes?.ok) return fail(expected(name, what, input));
  return ok(bytes.value / hoursPer[match[2] as GrowthUnit]);
}

/** Reads a growth rate or throws `bad-option` (for CLI flags). */
export function parseGrowth(input: unknown, name = 'growth'): number {
  return valueOrThrow(safeParseGrowth(input, name));
}

/** Formats bytes per hour: 5e6 → "5MB/h", -2e5 → "-200KB/h". */
export function formatGrowth(bytesPerHour: number): string {
  return `${formatBytes(bytesPerHour)}/h`;
}
