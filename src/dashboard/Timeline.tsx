// The newest chaos steps, device status changes, first faults and pauses, with when they happened.
import { Text } from 'ink';
import { Fragment, memo } from 'react';
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

// One text of several lines, not a box of texts: Ink lays out and draws each text node on every frame (src/bench/dashboard-cpu.ts measures it).
function TimelineRows({ entries, rows = 6, color = true }: Props) {
  if (entries.length === 0) return <Text dimColor>timeline: nothing happened yet</Text>;
  return (
    <Text>
      <Text dimColor>timeline</Text>
      {entries.slice(-rows).map((entry, index) => (
        <Fragment key={`${entry.atMs}-${index}`}>
          {'\n'}
          {formatClock(entry.atMs).padStart(7)}{' '}
          <Text color={color ? tints[entry.kind] : undefined}>{entry.kind.padEnd(6)}</Text> {entry.text}
        </Fragment>
      ))}
    </Text>
  );
}

/** Entries arrive as a new array with every snapshot; the rows shown change only with a new entry. */
const sameRows = (before: Props, after: Props): boolean => {
  if (before.rows !== after.rows || before.color !== after.color || before.entries.length !== after.entries.length)
    return false;
  const shown = -(after.rows ?? 6);
  const [a, b] = [before.entries.slice(shown), after.entries.slice(shown)];
  return a.every(
    (entry, index) => entry.atMs === b[index]!.atMs && entry.kind === b[index]!.kind && entry.text === b[index]!.text,
  );
};

/** The newest events of the run, one per row, skipped by React while none is new. */
export const Timeline = memo(TimelineRows, sameRows);
