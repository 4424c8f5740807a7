// The sparklines: throughput in and out, queue depth, p95 latency and device memory over the last minute.
import { Box, Text, Transform } from 'ink';
import { Fragment } from 'react';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { ratesOf } from '../metrics/rates';
import { blocksOf, sparklineLevels, type SparklineOptions } from './sparkline';
import { formatCount, formatLatency, formatRatePerSec, formatRss } from './format';

type Props = {
  /** The snapshot whose `history` is drawn. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Cells per sparkline. Default 30. */
  readonly width?: number;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

type Series = {
  readonly label: string;
  /** Oldest first; null for unknown. */
  readonly values: ReadonlyArray<number | null>;
  /** The current value, already formatted. */
  readonly current: string;
  /** Colour of the blocks. */
  readonly tint: string;
  readonly floor: NonNullable<SparklineOptions['floor']>;
};

const LABEL_WIDTH = 12;

function seriesOf(snapshot: MetricsSnapshot): Series[] {
  const { history } = snapshot;
  const rates = ratesOf(history);
  return [
    {
      label: 'in',
      values: rates.map((rate) => rate.inPerSec),
      current: formatRatePerSec(snapshot.throughputIn),
      tint: 'cyan',
      floor: 'zero',
    },
    {
      label: 'out',
      values: rates.map((rate) => rate.outPerSec),
      current: formatRatePerSec(snapshot.throughputOut),
      tint: 'green',
      floor: 'zero',
    },
    {
      label: 'queue',
      values: history.map((point) => point.queueSize),
      current: formatCount(snapshot.queueSize),
      tint: 'yellow',
      floor: 'zero',
    },
    {
      label: 'p95 latency',
      values: history.map((point) => point.latencyP95Ms),
      current: formatLatency(snapshot.latencyP95Ms),
      tint: 'magenta',
      floor: 'min',
    },
    {
      label: 'device rss',
      values: history.map((point) => point.rssBytes),
      current: formatRss(snapshot.rssBytes),
      tint: 'blue',
      floor: 'min',
    },
  ];
}

/**
 * One row per series: label, blocks, current value. Drawn as three columns of five lines rather than
 * five rows of three parts, so the changing values do not make Ink measure the blocks again, and
 * the blocks reach Ink as ASCII levels that are turned into blocks only as they are written
 * (`blocksOf`): Ink measures every text on every frame, and a line of blocks cost it ~100 µs where
 * a line of ASCII costs well under 1 µs (measured by src/bench/dashboard-cpu.ts).
 */
export function Charts({ snapshot, width = 30, color = true }: Props) {
  const series = seriesOf(snapshot);
  // Right-aligned, so the newest value is always in the same column.
  const levels = series.map((row) => sparklineLevels(row.values, width, { floor: row.floor }).padStart(width));
  return (
    <Box>
      <Text dimColor>{series.map((row) => row.label.padEnd(LABEL_WIDTH)).join('\n')}</Text>
      <Transform transform={blocksOf} accessibilityLabel={levels.map(blocksOf).join('\n')}>
        {series.map((row, index) => (
          <Fragment key={row.label}>
            {index > 0 ? '\n' : null}
            <Text color={color ? row.tint : undefined}>{levels[index]}</Text>
          </Fragment>
        ))}
      </Transform>
      <Text>{series.map((row) => ` ${row.current}`).join('\n')}</Text>
    </Box>
  );
}
