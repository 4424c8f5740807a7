// A fleet's devices, one row each: its status, what the harness sent it, its own queue and deliveries,
// its memory peak. Nothing for a run of one device, whose figures are the counters above.
import { Box, Text } from 'ink';
import type { DeviceRow, DeviceStatus } from '../metrics/metrics-snapshot';
import { formatCount, formatRss, NOT_KNOWN } from './format';

type Props = {
  /** The snapshot's device rows; absent or empty draws nothing. */
  readonly devices?: readonly DeviceRow[] | undefined;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

/** A row in trouble stands out; healthy rows stay plain. */
const statusColor: Readonly<Record<DeviceStatus, string>> = {
  healthy: 'green',
  degraded: 'yellow',
  down: 'red',
  unreachable: 'red',
};

const columns = ['device', 'status', 'sent', 'acknowledged', 'queued', 'delivered', 'peak rss'] as const;

function cellsOf(row: DeviceRow): string[] {
  return [
    `${row.index} ${row.label}`,
    row.status ?? NOT_KNOWN,
    String(row.sent),
    String(row.acknowledged),
    formatCount(row.queueSize),
    formatCount(row.delivered),
    formatRss(row.peakRssBytes),
  ];
}

export function DeviceRows({ devices, color = true }: Props) {
  if (!devices || devices.length === 0) return null;
  const rows = devices.map(cellsOf);
  const widths = columns.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return (
    <Box flexDirection="column">
      <Text dimColor>{line(columns)}</Text>
      {devices.map((device, position) => (
        <Text
          key={device.index}
          color={
            color && device.status !== null && device.status !== 'healthy' ? statusColor[device.status] : undefined
          }
        >
          {line(rows[position]!)}
        </Text>
      ))}
    </Box>
  );
}
