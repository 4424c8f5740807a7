// The dashboard wired to a snapshot store, redrawn at most `fps` times a second.
import { Dashboard } from './Dashboard';
import type { SnapshotStore } from './snapshot-store';
import { useThrottledSnapshot } from './use-throttled-snapshot';

type Props = {
  /** Where the newest snapshot is. Required. */
  readonly store: SnapshotStore;
  /** Redraws per second, at most. Default 4. */
  readonly fps?: number;
  /** Use colours. Default true. */
  readonly color?: boolean;
  /** Listen for keys. Default true. */
  readonly keys?: boolean;
  /** Called on `q` or Ctrl-C. Default: nothing. */
  readonly onQuit?: () => void;
  /** Called on `p`; leave out when nothing can be paused. Default: none. */
  readonly onTogglePause?: () => void;
};

export function LiveDashboard({ store, fps = 4, ...rest }: Props) {
  const snapshot = useThrottledSnapshot(store, fps);
  return <Dashboard snapshot={snapshot} {...rest} />;
}
