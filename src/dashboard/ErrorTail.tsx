// Errors as they happen, printed once above the live frame (ink <Static>), so they scroll like a log.
import { Static, Text } from 'ink';
import type { ErrorEntry } from '../metrics/metrics-snapshot';
import { formatClock } from './format';

type Props = {
  /** Every error to print so far, append-only (see `useErrorLog`). Required. */
  readonly errors: readonly ErrorEntry[];
  /** Use colours. Default true. */
  readonly color?: boolean;
};

export function ErrorTail({ errors, color = true }: Props) {
  return (
    <Static items={[...errors]}>
      {(entry) => (
        <Text key={entry.seq} color={color ? 'red' : undefined}>
          {formatClock(entry.atMs).padStart(7)} error {entry.text}
        </Text>
      )}
    </Static>
  );
}
