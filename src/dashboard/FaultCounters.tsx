// What the stub did to the device: faults fired by kind, and requests it turned away.
import { Box, Text } from 'ink';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';

type Props = {
  /** The snapshot whose stub counters are shown. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

const labels: Readonly<Record<string, string>> = {
  status: 'status',
  delay: 'delay',
  reset: 'reset',
  hang: 'hang',
  outageDropped: 'outage',
};

export function FaultCounters({ snapshot, color = true }: Props) {
  const faults = Object.entries(snapshot.faults);
  return (
    <Box flexWrap="wrap" columnGap={2}>
      <Text dimColor>stub</Text>
      <Text>requests {snapshot.requests}</Text>
      {faults.map(([kind, count]) => (
        <Text key={kind} color={color && count > 0 ? 'yellow' : undefined}>
          {labels[kind] ?? kind} {count}
        </Text>
      ))}
      <Text color={color && snapshot.rejected4xx > 0 ? 'red' : undefined}>rejected {snapshot.rejected4xx}</Text>
      <Text color={color && snapshot.badSignatures > 0 ? 'red' : undefined}>
        bad signatures {snapshot.badSignatures}
      </Text>
    </Box>
  );
}
