// Errors as they happen, printed once above the live frame (ink <Static>), so they scroll like a log.
import { Static, Text } from 'ink';
import { memo } from 'react';
import type { ErrorEntry } from '../metrics/metrics-snapshot';
import { formatClock } from './format';

type Props = {
  /** Every error to print so far, append-only (see `useErrorLog`). Required. */
  readonly errors: readonly ErrorEntry[];
  /** Use colours. Default true. */
  readonly color?: boolean;
};

function ErrorLines({ errors, color = true }: Props) {
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

/** The log is the same array until an error arrives (`useErrorLog`), so React skips it between errors. */
export const ErrorTail = memo(ErrorLines);
