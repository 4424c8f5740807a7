// One row of the engine's error log: its category, HTTP status, how long ago, what failed, and which message.
import { StyleSheet, Text } from 'react-native';
import type { LoggedError } from '../engine';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { formatTimeSince } from '../utils/format-duration';
import { Card } from './Card';

type Props = {
  readonly error: LoggedError;
  /** "Now" for the relative time: the health snapshot's generatedAt, so this row and LastErrorCard agree. */
  readonly nowMs: number;
};

export function ErrorLogItem({ error, nowMs }: Props) {
  const id = error.id;
  const heading = [
    error.category,
    error.httpStatus === null ? null : `HTTP ${error.httpStatus}`,
    formatTimeSince(error.at, nowMs),
  ];
  return (
    <Card style={styles.card} testID={`error-${id}`}>
      <Text testID={`error-heading-${id}`} style={styles.heading}>
        {heading.filter((part) => part !== null).join(' · ')}
      </Text>
      <Text testID={`error-message-${id}`} style={styles.message}>
        {error.message}
      </Text>
      {/* Database, permissions and configuration errors belong to no message. */}
      {error.messageId !== null ? (
        <Text testID={`error-message-id-${id}`} style={styles.meta}>{`message ${error.messageId}`}</Text>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { marginBottom: spacing.sm },
  heading: { color: colors.bad, fontWeight: 'bold', fontSize: 12 },
  message: { color: colors.text, marginVertical: spacing.xs },
  meta: { color: colors.muted, fontSize: 12 },
});
