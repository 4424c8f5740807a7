// How the dashboard writes numbers: short, fixed units, a dash for "not known yet".
import { formatBytes } from '../units/index';

export const NOT_KNOWN = '—';

/** `0:07`, `12:30`, `2:03:04`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export const formatCount = (value: number | null): string => (value === null ? NOT_KNOWN : String(value));

export const formatRatePerSec = (value: number | null): string =>
  value === null ? NOT_KNOWN : `${value.toFixed(1)}/s`;

export const formatLatency = (ms: number | null): string =>
  ms === null ? NOT_KNOWN : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

export const formatRss = (bytes: number | null): string => (bytes === null ? NOT_KNOWN : formatBytes(bytes));
