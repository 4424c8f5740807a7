// The counts that say whether anything is being lost: in, queued, out, and what went wrong.
import { Box, Text } from 'ink';
import { tracedAgo, type MetricsSnapshot } from '../metrics/metrics-snapshot';
import { formatCount, NOT_KNOWN } from './format';

type Props = {
  /** The snapshot to count from. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

type Cell = { readonly label: string; readonly value: string; readonly bad?: boolean; readonly id: string };

/**
 * Duplicates only as the run's latest trace counted them, with its age: counters read a few ms apart
 * cannot tell a duplicate from an OK still on its way back from the device.
 */
function duplicates({ traced, elapsedMs }: MetricsSnapshot): Cell {
  if (traced === null) return { id: 'duplicates', label: 'duplicates', value: `${NOT_KNOWN} (not traced yet)` };
  return {
    id: 'duplicates',
    label: 'duplicates',
    value: `${traced.duplicates} (${tracedAgo(traced, elapsedMs)})`,
    bad: traced.duplicates > 0,
  };
}

function cells(snapshot: MetricsSnapshot): Cell[] {
  const run = snapshot.source === 'run';
  // Sent is what the harness has written to the console: an SMS is delivered only after that, so
  // delivered never runs ahead of it, as it did of the acknowledged count while acks were on their way.
  const head: Cell[] = run
    ? [
        { id: 'sent', label: 'sent', value: `${snapshot.attempted}/${snapshot.planned}` },
        { id: 'acknowledged', label: 'acknowledged', value: String(snapshot.injected) },
      ]
    : [{ id: 'pending', label: 'pending', value: formatCount(snapshot.pending) }];
  const list: Cell[] = [
    ...head,
    { id: 'queued', label: 'queued', value: formatCount(snapshot.queueSize) },
    { id: 'sending', label: 'sending', value: formatCount(snapshot.sending) },
    { id: 'retrying', label: 'retrying', value: formatCount(snapshot.retrying) },
    { id: 'delivered', label: 'delivered', value: formatCount(snapshot.accepted) },
    { id: 'failed', label: 'failed', value: formatCount(snapshot.failed), bad: (snapshot.failed ?? 0) > 0 },
  ];
  if (run) {
    list.push(
      { id: 'lost', label: 'lost so far', value: formatCount(snapshot.lostSoFar), bad: (snapshot.lostSoFar ?? 0) > 0 },
      duplicates(snapshot),
    );
    if (snapshot.refused > 0)
      list.push({ id: 'refused', label: 'refused', value: String(snapshot.refused), bad: true });
  }
  list.push({ id: 'redeliveries', label: 'redeliveries', value: String(snapshot.redeliveries) });
  return list;
}

export function Counters({ snapshot, color = true }: Props) {
  return (
    <Box flexWrap="wrap" columnGap={3}>
      {cells(snapshot).map((cell) => (
        <Text key={cell.id}>
          <Text dimColor>{cell.label} </Text>
          <Text bold color={color && cell.bad ? 'red' : undefined}>
            {cell.value}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
