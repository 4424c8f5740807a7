// The counts that say whether anything is being lost: in, queued, out, and what went wrong.
import { Box, Text } from 'ink';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { formatCount } from './format';

type Props = {
  /** The snapshot to count from. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

type Cell = { readonly label: string; readonly value: string; readonly bad?: boolean; readonly id: string };

function cells(snapshot: MetricsSnapshot): Cell[] {
  const run = snapshot.source === 'run';
  const injected: Cell = run
    ? { id: 'injected', label: 'injected', value: `${snapshot.injected}/${snapshot.planned}` }
    : { id: 'injected', label: 'pending', value: formatCount(snapshot.pending) };
  const list: Cell[] = [
    injected,
    { id: 'queued', label: 'queued', value: formatCount(snapshot.queueSize) },
    { id: 'sending', label: 'sending', value: formatCount(snapshot.sending) },
    { id: 'retrying', label: 'retrying', value: formatCount(snapshot.retrying) },
    { id: 'delivered', label: 'delivered', value: formatCount(snapshot.accepted) },
    { id: 'failed', label: 'failed', value: formatCount(snapshot.failed), bad: (snapshot.failed ?? 0) > 0 },
  ];
  if (run) {
    list.push(
      { id: 'lost', label: 'lost so far', value: formatCount(snapshot.lostSoFar), bad: (snapshot.lostSoFar ?? 0) > 0 },
      { id: 'duplicates', label: 'duplicates', value: formatCount(snapshot.duplicatesSoFar), bad: (snapshot.duplicatesSoFar ?? 0) > 0 },
    );
    if (snapshot.refused > 0) list.push({ id: 'refused', label: 'refused', value: String(snapshot.refused), bad: true });
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
