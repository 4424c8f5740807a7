// Human strings for durations and instants on the dashboard, in one place, so
// every screen words time the same way.

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "Just now", "3 minutes ago", "2 hours ago", "4 days ago" — singular when 1. */
export function formatTimeSince(atMs: number, nowMs: number): string {
  const diff = Math.max(0, nowMs - atMs);
  if (diff < MINUTE_MS) return 'Just now';
  if (diff < HOUR_MS) return `${plural(Math.floor(diff / MINUTE_MS), 'minute')} ago`;
  if (diff < DAY_MS) return `${plural(Math.floor(diff / HOUR_MS), 'hour')} ago`;
  return `${plural(Math.floor(diff / DAY_MS), 'day')} ago`;
}

/** A compact duration: "850 ms", "12.4 s", "3 min", "2 h 5 min"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < SECOND_MS) return `${Math.round(ms)} ms`;
  if (ms < MINUTE_MS) return `${(ms / SECOND_MS).toFixed(1)} s`;
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min`;
  const hours = Math.floor(ms / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** "97.5%" from a 0..1 rate; "—" when nothing finished yet. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
