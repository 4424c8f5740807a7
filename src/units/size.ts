// Sizes: "200MB", "512KB", "1.5GB", "256MiB". Decimal units are powers of 1000 (1 MB = 1,000,000 B),
// as in SI and in what Android's Settings shows; binary units (KiB, MiB, GiB) are powers of 1024.
import { expected, fail, ok, trimmed, valueOrThrow, type Parsed } from './parsed';

const bytesPer: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** For JSON Schema: what a size string looks like (a bare 0 is the only number accepted). */
export const sizePattern = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgGtT][iI]?)?[bB]\\s*$';
const shape = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?)?b\s*$/i;
const what = 'a size like 200MB or 512KiB';

/** Reads a size in bytes (rounded to whole bytes). A bare number is rejected, except 0. */
export function safeParseSize(input: unknown, name = 'size'): Parsed<number> {
  if (input === 0) return ok(0);
  if (typeof input === 'number') return fail(expected(name, what, input, `add a unit: ${input}MB or ${input}KB`));
  if (typeof input !== 'string') return fail(expected(name, what, input));
  const match = shape.exec(input);
  if (!match) return fail(expected(name, what, input));
  const unit = `${match[2] ?? ''}b`.toLowerCase();
  const bytes = Math.round(Number(match[1]) * (bytesPer[unit] ?? Number.NaN));
  if (!Number.isSafeInteger(bytes)) return fail(expected(name, what, input, 'too large'));
  return ok(bytes);
}

/** Reads a size in bytes or throws `bad-option` (for CLI flags). */
export function parseSize(input: unknown, name = 'size'): number {
  return valueOrThrow(safeParseSize(input, name));
}

const decimalUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Formats bytes in decimal units with at most one decimal: 153456789 → "153.5MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes}B`;
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  let value = bytes;
  let index = 0;
  // Step up while the rounded value would read 1000 or more ("1000KB" reads better as "1MB").
  while (index < decimalUnits.length - 1 && Number(value.toFixed(1)) >= 1000) {
    value /= 1000;
    index += 1;
  }
  return `${trimmed(value, index === 0 ? 0 : 1)}${decimalUnits[index]}`;
}
