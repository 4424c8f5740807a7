// One snapshot of a run in progress: what the progress line and the dashboard show.
import { formatBytes } from '../units/index';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';

export type { Phase } from '../metrics/metrics-snapshot';

/** The progress line reads only these fields of a metrics snapshot. */
export type ProgressSnapshot = Pick<
  MetricsSnapshot,
  'phase' | 'elapsedMs' | 'planned' | 'injected' | 'refused' | 'accepted' | 'redeliveries' | 'queueSize' | 'retrying' | 'failed' | 'rssBytes' | 'deviceStatus' | 'faults'
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
    // Attached to someone else's device there is no plan of ours to count against.
    ...(snapshot.planned > 0 ? [`sent ${snapshot.injected}/${snapshot.planned}`] : []),
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
