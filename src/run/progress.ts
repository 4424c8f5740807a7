// One snapshot of a run in progress: what the progress line (and later the dashboard) shows.
import { formatBytes } from '../units/index';

export type Phase = 'starting' | 'load' | 'drain' | 'teardown' | 'done';

export interface ProgressSnapshot {
  readonly phase: Phase;
  readonly elapsedMs: number;
  readonly planned: number;
  readonly attempted: number;
  readonly injected: number;
  readonly refused: number;
  /** Distinct messages the stub accepted. */
  readonly accepted: number;
  readonly redeliveries: number;
  readonly queueSize: number | null;
  readonly retrying: number | null;
  readonly failed: number | null;
  readonly rssBytes: number | null;
  readonly deviceStatus: string | null;
  readonly faults: Readonly<Record<string, number>>;
}

/** The plain line printed once a second when stdout is not a TTY. */
export function progressLine(snapshot: ProgressSnapshot): string {
  const elapsed = `${(snapshot.elapsedMs / 1000).toFixed(1)}s`.padStart(7);
  const faults = Object.entries(snapshot.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind}×${count}`)
    .join(' ');
  const parts = [
    `[${elapsed}] ${snapshot.phase.padEnd(5)}`,
    `sent ${snapshot.injected}/${snapshot.planned}`,
    `delivered ${snapshot.accepted}`,
    `queue ${snapshot.queueSize ?? '?'}`,
    `retrying ${snapshot.retrying ?? '?'}`,
    `failed ${snapshot.failed ?? '?'}`,
  ];
  if (snapshot.refused) parts.push(`refused ${snapshot.refused}`);
  if (snapshot.redeliveries) parts.push(`redelivered ${snapshot.redeliveries}`);
  if (faults) parts.push(`faults ${faults}`);
  if (snapshot.rssBytes !== null) parts.push(`rss ${formatBytes(snapshot.rssBytes)}`);
  if (snapshot.deviceStatus && snapshot.deviceStatus !== 'healthy') parts.push(`device ${snapshot.deviceStatus}`);
  return parts.join('  ');
}
