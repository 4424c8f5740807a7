// The sparklines: throughput in and out, queue depth, p95 latency and device memory over the last minute.
import { Box } from 'ink';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { ratesOf } from '../metrics/rates';
import { Sparkline } from './Sparkline';
import { formatCount, formatLatency, formatRatePerSec, formatRss } from './format';

type Props = {
  /** The snapshot whose `history` is drawn. Required. */
  readonly snapshot: MetricsSnapshot;
  /** Cells per sparkline. Default 30. */
  readonly width?: number;
  /** Use colours. Default true. */
  readonly color?: boolean;
};

export function Charts({ snapshot, width = 30, color = true }: Props) {
  const { history } = snapshot;
  const rates = ratesOf(history);
  const tint = (name: string): string | undefined => (color ? name : undefined);
  return (
    <Box flexDirection="column">
      <Sparkline label="in" values={rates.map((rate) => rate.inPerSec)} current={formatRatePerSec(snapshot.throughputIn)} width={width} tint={tint('cyan')} />
      <Sparkline label="out" values={rates.map((rate) => rate.outPerSec)} current={formatRatePerSec(snapshot.throughputOut)} width={width} tint={tint('green')} />
      <Sparkline label="queue" values={history.map((point) => point.queueSize)} current={formatCount(snapshot.queueSize)} width={width} tint={tint('yellow')} />
      <Sparkline label="p95 latency" values={history.map((point) => point.latencyP95Ms)} current={formatLatency(snapshot.latencyP95Ms)} width={width} tint={tint('magenta')} floor="min" />
      <Sparkline label="device rss" values={history.map((point) => point.rssBytes)} current={formatRss(snapshot.rssBytes)} width={width} tint={tint('blue')} floor="min" />
    </Box>
  );
}
