// How report.html words a value for a person: times as times, bytes as MB, instants as a local date-time.

/** `258 ms`, `1.2 s`, `54 s`, `3 min 4 s`, `2 h 5 min`, `3 d 4 h`. */
export function readableDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return `-${readableDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor((seconds % 86_400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'min'],
    [seconds % 60, 's'],
  ];
  // The two largest units are enough to read: `2 h 5 min`, not `2 h 5 min 12 s`.
  const first = parts.findIndex(([count]) => count > 0);
  return parts
    .slice(first, first + 2)
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}`)
    .join(' ');
}

/** Decimal units as the scenario writes them (1 MB = 1,000,000 B): `512 KB`, `122.8 MB`, `1.25 GB`. */
export function readableBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 0) return `-${readableBytes(-bytes)}`;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} KB`;
  if (bytes < 1e9) return `${Number((bytes / 1e6).toFixed(1))} MB`;
  return `${Number((bytes / 1e9).toFixed(2))} GB`;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * An instant as a local date-time with its offset from UTC, `2026-12-07 02:12:07 (UTC+01:00)`: the
 * page has no script, so "local" is the zone of the machine that wrote it, and the offset says which.
 * `offsetMinutes` is minutes east of UTC; default the machine's own at that instant.
 */
export function localDateTime(at: number | string, offsetMinutes?: number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return String(at);
  const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
  const shifted = new Date(ms + offset * 60_000);
  const date = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const sign = offset < 0 ? '-' : '+';
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date} ${time} (${zone})`;
}

/** `queueSize` → `Queue size`, `rejected4xx` → `Rejected 4xx`, `p95_latency` → `P95 latency`. */
export function wordsOf(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-z]{2})(\d)/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `0.998` → `99.8%`. */
export const readablePercent = (ratio: number): string => `${Number((ratio * 100).toFixed(1))}%`;
