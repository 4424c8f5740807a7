// Collects errors from successive snapshots (each carries only the newest) into the append-only list
// that ink's <Static> needs; capped, so an error storm in a soak cannot grow the harness without end.
import { useRef } from 'react';
import type { ErrorEntry } from '../metrics/metrics-snapshot';

/** Errors printed before the log says "more errors" and stops; the device log has them all. */
export const MAX_LOGGED_ERRORS = 500;

export function useErrorLog(latest: readonly ErrorEntry[]): readonly ErrorEntry[] {
  const log = useRef<ErrorEntry[]>([]);
  const lastSeq = useRef(0);
  const fresh = latest.filter((entry) => entry.seq > lastSeq.current);
  if (fresh.length === 0) return log.current;
  lastSeq.current = Math.max(...fresh.map((entry) => entry.seq));
  const room = MAX_LOGGED_ERRORS - log.current.length;
  if (room <= 0) return log.current;
  const kept = fresh.slice(0, room);
  if (kept.length === room) {
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = { ...last, text: `${last.text} (no more errors shown: see device.log and report.json)` };
  }
  // A new array, so <Static> sees the new length and prints only the new items.
  log.current = [...log.current, ...kept];
  return log.current;
}
