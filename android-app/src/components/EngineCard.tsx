// What the engine itself is doing: dispatcher, circuit breaker, sends in flight, last claim round.
// Small print under the dashboard's cards, for the person debugging a stuck queue.
import { StyleSheet, Text, View } from 'react-native';
import type { Health } from '../engine/types';
import { colors, type Color } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { formatTimeSince } from '../utils/format-duration';
import { Card } from './Card';

type Props = {
  readonly health: Health;
};

function Line({
  name,
  title,
  value,
  color = colors.text,
}: {
  name: string;
  title: string;
  value: string;
  color?: Color;
}) {
  return (
    <View style={styles.line}>
      <Text style={styles.title}>{title}</Text>
      <Text testID={`metric-${name}`} accessibilityLabel={`${title}: ${value}`} style={[styles.value, { color }]}>
        {value}
      </Text>
    </View>
  );
}

export function EngineCard({ health }: Props) {
  const breakerColor = health.breaker === 'closed' ? colors.good : health.breaker === 'open' ? colors.bad : colors.warn;
  return (
    <Card style={styles.card} testID="card-engine">
      <Line
        name="dispatcher"
        title="Dispatcher"
        value={health.dispatcherRunning ? 'Running' : 'Stopped'}
        color={health.dispatcherRunning ? colors.good : colors.bad}
      />
      <Line name="breaker" title="Circuit breaker" value={health.breaker} color={breakerColor} />
      <Line name="in-flight" title="Sends in flight" value={String(health.inFlight)} />
      <Line
        name="last-run"
        title="Last claim round"
        value={health.lastRunAt === null ? 'Never' : formatTimeSince(health.lastRunAt, health.generatedAt)}
      />
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { marginTop: spacing.lg },
  line: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: spacing.xs },
  title: { color: colors.muted },
  value: { fontWeight: 'bold' },
});
