// One snapshot of a run in progress: what the progress line and the dashboard show.
import { formatBytes } from '../units/index';
import { tracedAgo, type MetricsSnapshot } from '../metrics/metrics-snapshot';

export type { Phase } from '../metrics/metrics-snapshot';

/** The progress line reads only these fields of a metrics snapshot. */
export type ProgressSnapshot = Pick<
  MetricsSnapshot,
  | 'phase'
  | 'elapsedMs'
  | 'planned'
  | 'attempted'
  | 'refused'
  | 'accepted'
  | 'redeliveries'
  | 'queueSize'
  | 'retrying'
  | 'failed'
  | 'rssBytes'
  | 'deviceStatus'
  | 'faults'
  | 'traced'
>;

/** The plain line printed when stdout is not a TTY (see `createProgressThrottle` for how often). */
export function progressLine(snapshot: ProgressSnapshot): string {
  const elapsed = `${(snapshot.elapsedMs / 1000).toFixed(1)}s`.padStart(7);
  const faults = Object.entries(snapshot.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind}×${count}`)
    .join(' ');
  const parts = [
    `[${elapsed}] ${snapshot.phase.padEnd(5)}`,
    // Attached to someone else's device there is no plan of ours to count against. Sent is what was
    // written to the console, not what it acknowledged: delivered must not run ahead of it.
    ...(snapshot.planned > 0 ? [`sent ${snapshot.attempted}/${snapshot.planned}`] : []),
    `delivered ${snapshot.accepted}`,
    `queue ${snapshot.queueSize ?? '?'}`,
    `retrying ${snapshot.retrying ?? '?'}`,
    `failed ${snapshot.failed ?? '?'}`,
  ];
  if (snapshot.refused) parts.push(`refused ${snapshot.refused}`);
  if (snapshot.redeliveries) parts.push(`redelivered ${snapshot.redeliveries}`);
  // Only a trace can tell a duplicate from an OK on its way back; until the first one, nothing is said.
  if (snapshot.traced)
    parts.push(`duplicates ${snapshot.traced.duplicates} (${tracedAgo(snapshot.traced, snapshot.elapsedMs)})`);
  if (faults) parts.push(`faults ${faults}`);
  if (snapshot.rssBytes !== null) parts.push(`rss ${formatBytes(snapshot.rssBytes)}`);
  if (snapshot.deviceStatus && snapshot.deviceStatus !== 'healthy') parts.push(`device ${snapshot.deviceStatus}`);
  return parts.join('  ');
}
