// One labelled sparkline with its current value on the right.
import { Text } from 'ink';
import { sparkline, type SparklineOptions } from './sparkline';

type Props = {
  /** Left label, padded to line the rows up. Required. */
  readonly label: string;
  /** Oldest first; null for unknown. Required. */
  readonly values: ReadonlyArray<number | null>;
  /** The current value, already formatted. Required. */
  readonly current: string;
  /** Cells wide. Default 30. */
  readonly width?: number;
  /** Colour of the blocks; none when colours are off. Default none. */
  readonly tint?: string;
  /** Scale from zero or from the lowest value shown. Default `zero`. */
  readonly floor?: SparklineOptions['floor'];
};

const LABEL_WIDTH = 12;

export function Sparkline({ label, values, current, width = 30, tint, floor = 'zero' }: Props) {
  return (
    <Text>
      <Text dimColor>{label.padEnd(LABEL_WIDTH)}</Text>
      {/* Right-aligned, so the newest value is always in the same column. */}
      <Text color={tint}>{sparkline(values, width, { floor }).padStart(width)}</Text> {current}
    </Text>
  );
}
