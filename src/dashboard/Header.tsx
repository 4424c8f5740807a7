// The first two lines: what is running, in which phase, and how far along.
import { Box, Text } from 'ink';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { formatClock } from './format';

type Props = {
  /** The snapshot to describe. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

function progress(snapshot: MetricsSnapshot): string {
  const { load } = snapshot;
  if (!load) return `up ${formatClock(snapshot.elapsedMs)}`;
  const remaining = Math.max(0, load.plannedMs - load.elapsedMs);
  const loadPart = snapshot.phase === 'load' ? `load ${formatClock(load.elapsedMs)} of ${formatClock(load.plannedMs)} · ${formatClock(remaining)} left` : `load ${formatClock(load.plannedMs)} planned`;
  return `elapsed ${formatClock(snapshot.elapsedMs)} · ${loadPart}`;
}

export function Header({ snapshot, color = true }: Props) {
  const paused = snapshot.load?.paused ?? false;
  return (
    <Box flexDirection="column">
      <Text bold>
        smsgw {snapshot.source === 'attached' ? 'attached' : 'run'} · {snapshot.title}
      </Text>
      <Text>
        <Text color={color ? 'cyan' : undefined}>{snapshot.phase}</Text> · {progress(snapshot)}
        {paused ? (
          <Text bold color={color ? 'yellow' : undefined}>
            {' '}
            · PAUSED (p to resume)
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
