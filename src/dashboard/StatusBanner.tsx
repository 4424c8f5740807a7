// One line that says, before any number, whether the gateway is well: healthy, degraded, down or unreachable.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DeviceStatus } from '../metrics/metrics-snapshot';

type Props = {
  /** The device's status; null before the first health poll. Required. */
  readonly status: DeviceStatus | null;
  /** Why it is not healthy, as the device says. Default none. */
  readonly reasons?: readonly string[];
  /** False when the stub did not answer its last poll. Default true. */
  readonly stubReachable?: boolean;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

const look: Record<DeviceStatus | 'waiting', { readonly mark: string; readonly tint: string }> = {
  healthy: { mark: '●', tint: 'green' },
  degraded: { mark: '▲', tint: 'yellow' },
  down: { mark: '✖', tint: 'red' },
  unreachable: { mark: '?', tint: 'red' },
  waiting: { mark: '…', tint: 'gray' },
};

function Banner({ status, reasons = [], stubReachable = true, color = true }: Props) {
  const { mark, tint } = look[status ?? 'waiting'];
  const label = status === null ? 'WAITING FOR THE DEVICE' : `DEVICE ${status.toUpperCase()}`;
  // As wide as its text, not the terminal: a full-width border was a sixth of the characters Ink
  // tokenises on every frame (src/bench/dashboard-cpu.ts).
  return (
    <Box
      borderStyle="round"
      borderColor={color ? tint : undefined}
      paddingX={1}
      flexDirection="column"
      alignSelf="flex-start"
    >
      <Text bold color={color ? tint : undefined}>
        {mark} {label}
        {reasons.length > 0 ? <Text bold={false}> — {reasons.join('; ')}</Text> : null}
      </Text>
      {stubReachable ? null : (
        <Text color={color ? 'red' : undefined}>? STUB UNREACHABLE — the counters below are its last known values</Text>
      )}
    </Box>
  );
}

/** Reasons arrive as a new array with every snapshot; the banner changes only with their text. */
const sameBanner = (before: Props, after: Props): boolean =>
  before.status === after.status &&
  before.stubReachable === after.stubReachable &&
  before.color === after.color &&
  (before.reasons ?? []).join('\n') === (after.reasons ?? []).join('\n');

/** The device's status in a box, skipped by React while it says the same. */
export const StatusBanner = memo(Banner, sameBanner);
