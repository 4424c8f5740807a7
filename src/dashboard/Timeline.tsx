// The newest chaos steps, device status changes, first faults and pauses, with when they happened.
import { Box, Text } from 'ink';
import type { TimelineEntry } from '../metrics/metrics-snapshot';
import { formatClock } from './format';

type Props = {
  /** Oldest first. Required. */
  readonly entries: readonly TimelineEntry[];
  /** Rows shown, the newest. Default 6. */
  readonly rows?: number;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

const tints: Record<TimelineEntry['kind'], string> = { chaos: 'magenta', device: 'yellow', stub: 'cyan', load: 'blue' };

export function Timeline({ entries, rows = 6, color = true }: Props) {
  if (entries.length === 0) return <Text dimColor>timeline: nothing happened yet</Text>;
  return (
    <Box flexDirection="column">
      <Text dimColor>timeline</Text>
      {entries.slice(-rows).map((entry, index) => (
        <Text key={`${entry.atMs}-${index}`}>
          {formatClock(entry.atMs).padStart(7)} <Text color={color ? tints[entry.kind] : undefined}>{entry.kind.padEnd(6)}</Text> {entry.text}
        </Text>
      ))}
    </Box>
  );
}
