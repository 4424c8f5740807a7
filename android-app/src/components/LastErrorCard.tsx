// The last error, its category and how long ago ("3 minutes ago"), measured on the device's clock.
import { StyleSheet, Text } from 'react-native';
import type { Health } from '../engine/types';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { formatTimeSince } from '../utils/format-duration';
import { Card } from './Card';
import { Chip } from './Chip';

type Props = {
  readonly lastError: Health['lastError'];
  /** "Now" for the relative time: the health snapshot's own generatedAt, so device and screen agree. */
  readonly nowMs: number;
};

export function LastErrorCard({ lastError, nowMs }: Props) {
  if (lastError === null) {
    return (
      <Card testID="card-last-error">
        <Text style={styles.title}>Last error</Text>
        <Text testID="metric-last-error" accessibilityLabel="Last error: none" style={styles.none}>
          None
        </Text>
      </Card>
    );
  }
  const ago = formatTimeSince(lastError.at, nowMs);
  return (
    <Card style={styles.errorCard} testID="card-last-error">
      <Text style={styles.title}>Last error</Text>
      <Text
        testID="metric-last-error"
        accessibilityLabel={`Last error: ${lastError.message}`}
        numberOfLines={2}
        style={styles.message}
      >
        {lastError.message}
      </Text>
      <Chip
        testID="metric-last-error-category"
        label={lastError.category}
        accessibilityLabel={`Last error category: ${lastError.category}`}
        color={colors.card}
      />
      <Text testID="metric-last-error-time" accessibilityLabel={`Last error time: ${ago}`} style={styles.time}>
        {ago}
      </Text>
    </Card>
  );
}

const styles = StyleSheet.create({
  errorCard: { backgroundColor: colors.badSurface },
  title: { color: colors.muted, fontSize: 13, marginBottom: spacing.xs },
  none: { color: colors.good, fontWeight: 'bold' },
  message: { color: colors.bad, marginBottom: spacing.xs },
  time: { color: colors.muted, fontSize: 12, marginTop: spacing.xs },
});
