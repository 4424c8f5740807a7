// The first two lines: what is running, in which phase, and how far along.
import { Text } from 'ink';
import { memo } from 'react';
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
  const loadPart =
    snapshot.phase === 'load'
      ? `load ${formatClock(load.elapsedMs)} of ${formatClock(load.plannedMs)} · ${formatClock(remaining)} left`
      : `load ${formatClock(load.plannedMs)} planned`;
  return `elapsed ${formatClock(snapshot.elapsedMs)} · ${loadPart}`;
}

// One text of two lines, not a box of two texts: Ink lays out and draws each text node on every frame (src/bench/dashboard-cpu.ts measures it).
function HeaderLines({ snapshot, color = true }: Props) {
  const paused = snapshot.load?.paused ?? false;
  return (
    <Text>
      <Text bold>
        smsgw {snapshot.source === 'attached' ? 'attached' : 'run'} · {snapshot.title}
      </Text>
      {'\n'}
      <Text color={color ? 'cyan' : undefined}>{snapshot.phase}</Text> · {progress(snapshot)}
      {paused ? (
        <Text bold color={color ? 'yellow' : undefined}>
          {' '}
          · PAUSED (p to resume)
        </Text>
      ) : null}
    </Text>
  );
}

/** A new snapshot arrives with every frame; the header's text changes at most once a second. */
const sameText = (before: Props, after: Props): boolean =>
  before.color === after.color &&
  before.snapshot.source === after.snapshot.source &&
  before.snapshot.title === after.snapshot.title &&
  before.snapshot.phase === after.snapshot.phase &&
  (before.snapshot.load?.paused ?? false) === (after.snapshot.load?.paused ?? false) &&
  progress(before.snapshot) === progress(after.snapshot);

/** What is running and how far along, skipped by React while its text is the same. */
export const Header = memo(HeaderLines, sameText);
