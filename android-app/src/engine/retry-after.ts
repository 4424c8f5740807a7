// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Parsed by hand because Hermes's
// Date.parse does not promise to read RFC 1123 dates.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;

function parseHttpDate(value: string): number | null {
  const match = IMF_FIXDATE.exec(value);
  if (match) {
    const [, day, month, year, hours, minutes, seconds] = match;
    const monthIndex = MONTHS.indexOf(month!.toLowerCase());
    if (monthIndex < 0) return null;
    return Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  }
  // The two obsolete formats RFC 9110 still asks recipients to accept (both start with a day name),
  // where the platform's parser can; anything else ("-5" is a year to V8) is unreadable.
  if (!/^[a-z]{3,9},? /i.test(value)) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * How long the server asked us to wait, in ms from `nowMs`; null when absent or unreadable.
 * A date in the past means "now" (0), never a negative wait.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = parseHttpDate(trimmed);
  if (at === null) return null;
  // HTTP dates have whole seconds; round up so we never come back before the moment named.
  return Math.max(0, Math.ceil((at - nowMs) / 1000) * 1000);
}
