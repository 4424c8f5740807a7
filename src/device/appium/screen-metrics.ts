// The Health screen's values as text (what Appium reads) and back to numbers. The names are the
// screen's `metric-<name>` testIDs; the formats are the app's (format-duration.ts).

/** A parsed count, `null` for "—" (unknown), or the text itself when it is not a number at all. */
export type Parsed =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly text: string };

/** "42" → 42. */
export function parseCount(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '—') return { kind: 'none' };
  return /^\d+$/.test(trimmed) ? { kind: 'number', value: Number(trimmed) } : { kind: 'unreadable', text };
}

/** "97.5%" → 97.5 (percent, as shown); "—" → none. */
export function parsePercent(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '—') return { kind: 'none' };
  const match = /^(\d+(?:\.\d+)?)%$/.exec(trimmed);
  return match ? { kind: 'number', value: Number(match[1]) } : { kind: 'unreadable', text };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** "850 ms", "12.4 s", "3 min", "2 h 5 min" → ms (as precise as the screen is); "—" → none. */
export function parseDuration(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '—') return { kind: 'none' };
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|min|h)\b/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join(' ') !== trimmed) return { kind: 'unreadable', text };
  return { kind: 'number', value: parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit!]!, 0) };
}
