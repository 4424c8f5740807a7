// The keys, shown by `?`; the footer line when help is hidden.
import { Box, Text } from 'ink';
import { memo } from 'react';

type Props = {
  /** Show the full panel rather than the one-line hint. Default false. */
  readonly open?: boolean;
  /** Whether `p` does anything (not when attached). Default true. */
  readonly canPause?: boolean;
};

function Help({ open = false, canPause = true }: Props) {
  if (!open) return <Text dimColor>q quit{canPause ? ' · p pause/resume' : ''} · ? help</Text>;
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>keys</Text>
      <Text>
        {canPause
          ? 'q, Ctrl-C  stop: tear down cleanly and write a partial report (exit 130)'
          : 'q         stop watching; the device and the stub keep running'}
      </Text>
      {canPause ? <Text>p pause the load, or resume it (the schedule shifts by the pause)</Text> : null}
      <Text>? show or hide this help</Text>
      <Text dimColor>lost so far = acknowledged − accepted by the stub − still queued on the device</Text>
    </Box>
  );
}

/** The key hint or the full help; its props are plain values, so React skips it between snapshots. */
export const HelpPanel = memo(Help);
