// The live dashboard: one metrics snapshot in, a screen out; keys call back, never act on a device.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { Charts } from './Charts';
import { Counters } from './Counters';
import { DeviceRows } from './DeviceRows';
import { ErrorTail } from './ErrorTail';
import { FaultCounters } from './FaultCounters';
import { Header } from './Header';
import { HelpPanel } from './HelpPanel';
import { StatusBanner } from './StatusBanner';
import { Timeline } from './Timeline';
import { useErrorLog } from './use-error-log';

type Props = {
  /** What to show; null until the first sample arrives. Required. */
  readonly snapshot: MetricsSnapshot | null;
  /** Use colours; pass false when NO_COLOR is set. Default true. */
  readonly color?: boolean;
  /** Listen for keys; needs a stdin that supports raw mode. Default true. */
  readonly keys?: boolean;
  /** Called on `q` or Ctrl-C. Default: nothing. */
  readonly onQuit?: () => void;
  /** Called on `p`; leave it out when the load cannot be paused (attached). Default: none. */
  readonly onTogglePause?: () => void;
  /** Cells per sparkline. Default 30. */
  readonly sparklineWidth?: number;
};

export function Dashboard({ snapshot, color = true, keys = true, onQuit, onTogglePause, sparklineWidth = 30 }: Props) {
  const [helpOpen, setHelpOpen] = useState(false);
  const errors = useErrorLog(snapshot?.errors ?? []);
  useInput(
    (input, key) => {
      if (input === 'q' || (key.ctrl && input === 'c')) onQuit?.();
      else if (input === 'p') onTogglePause?.();
      else if (input === '?') setHelpOpen((open) => !open);
    },
    { isActive: keys },
  );
  if (!snapshot) {
    return (
      <Box flexDirection="column">
        <Text>smsgw: waiting for the first sample…</Text>
        <HelpPanel open={helpOpen} canPause={onTogglePause !== undefined} />
      </Box>
    );
  }
  return (
    <>
      <ErrorTail errors={errors} color={color} />
      <Box flexDirection="column" rowGap={0}>
        <Header snapshot={snapshot} color={color} />
        <StatusBanner
          status={snapshot.deviceStatus}
          reasons={snapshot.reasons}
          stubReachable={snapshot.stubReachable}
          color={color}
        />
        <Counters snapshot={snapshot} color={color} />
        {snapshot.devices?.length ? (
          <Box marginTop={1}>
            <DeviceRows devices={snapshot.devices} color={color} />
          </Box>
        ) : null}
        <Box marginTop={1}>
          <Charts snapshot={snapshot} width={sparklineWidth} color={color} />
        </Box>
        <Box marginTop={1}>
          <FaultCounters snapshot={snapshot} color={color} />
        </Box>
        <Box marginTop={1}>
          <Timeline entries={snapshot.timeline} color={color} />
        </Box>
        <HelpPanel open={helpOpen} canPause={onTogglePause !== undefined} />
      </Box>
    </>
  );
}
