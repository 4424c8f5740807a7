// Network status, with a "Retry active" chip while messages wait for another attempt.
import { StyleSheet, Text, View } from 'react-native';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Card } from './Card';
import { Chip } from './Chip';

type Props = {
  readonly network: 'online' | 'offline';
  /** Messages waiting for a retry; the chip shows while > 0. */
  readonly retrying: number;
};

export function NetworkCard({ network, retrying }: Props) {
  const connected = network === 'online';
  const value = connected ? 'Connected' : 'Disconnected';
  return (
    <Card style={styles.card} testID="card-network">
      <View style={styles.text}>
        <Text style={styles.title}>Network status</Text>
        <Text
          testID="metric-network"
          accessibilityLabel={`Network: ${value}`}
          style={[styles.value, { color: connected ? colors.good : colors.bad }]}
        >
          {value}
        </Text>
      </View>
      {retrying > 0 ? (
        <Chip
          testID="retry-active-chip"
          label="Retry active"
          accessibilityLabel={`Retry active: ${retrying} retrying`}
        />
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { flexDirection: 'row', alignItems: 'center', marginBottom: spacing.lg },
  text: { flex: 1 },
  title: { color: colors.muted, fontSize: 13 },
  value: { fontSize: 18, fontWeight: 'bold' },
});
