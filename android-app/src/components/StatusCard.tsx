// Overall status: healthy, or issues detected with the engine's reasons (why, not only that).
import { StyleSheet, Text, View } from 'react-native';
import type { OverallStatus } from '../engine/types';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { statusColor, statusSurface } from '../utils/health-colors';
import { Card } from './Card';

type Props = {
  readonly status: OverallStatus;
  readonly reasons: readonly string[];
};

const headline = (status: OverallStatus) => (status === 'healthy' ? 'System Healthy' : 'System Issues Detected');

export function StatusCard({ status, reasons }: Props) {
  const color = statusColor(status);
  return (
    <Card style={[styles.card, { backgroundColor: statusSurface(status) }]} testID="card-status">
      <Text testID="metric-status" accessibilityLabel={`Status: ${status}`} style={[styles.headline, { color }]}>
        {headline(status)}
      </Text>
      {reasons.length === 0 ? (
        <Text style={styles.detail}>All systems operating normally</Text>
      ) : (
        <View testID="status-reasons">
          {reasons.map((reason) => (
            <Text key={reason} testID="status-reason" style={[styles.detail, { color }]}>
              {`• ${reason}`}
            </Text>
          ))}
        </View>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { marginBottom: spacing.lg },
  headline: { fontSize: 20, fontWeight: 'bold' },
  detail: { color: colors.muted, marginTop: spacing.xs },
});
