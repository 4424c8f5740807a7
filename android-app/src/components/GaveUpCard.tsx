// The SMS the engine gave up on: retried until their retry budget ran out (attempts or age), never
// delivered. Apart from the error log, which keeps only its last entries: this count never drops.
import { StyleSheet, Text } from 'react-native';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Card } from './Card';

type Props = {
  /** Health's `gaveUp`: counted as each message is given up, so a replay does not lower it. */
  readonly gaveUp: number;
};

export function GaveUpCard({ gaveUp }: Props) {
  if (gaveUp === 0) return null;
  return (
    <Card style={styles.card} testID="card-gave-up">
      <Text style={styles.title}>Given up</Text>
      <Text testID="errors-gave-up" accessibilityLabel={`Given up: ${gaveUp} SMS`} style={styles.count}>
        {`${gaveUp} SMS`}
      </Text>
      <Text style={styles.note}>
        Retried until the retry budget ran out (Settings: max attempts, max age) and never delivered. Replay them from
        Messages once the webhook is back.
      </Text>
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { backgroundColor: colors.badSurface },
  title: { color: colors.muted, fontSize: 13, marginBottom: spacing.xs },
  count: { color: colors.bad, fontWeight: 'bold', fontSize: 20 },
  note: { color: colors.muted, fontSize: 12, marginTop: spacing.xs },
});
