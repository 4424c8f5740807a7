// One message in the list: who, what, where it stands, and a replay button when it failed.
import { StyleSheet, Text, View } from 'react-native';
import type { MessageStatus, StoredMessage } from '../engine/types';
import { colors, type Color } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { Button } from './Button';
import { Card } from './Card';

type Props = {
  readonly message: StoredMessage;
  /** Shown on failed messages only. Default none. */
  readonly onReplay?: (messageId: string) => void;
};

const statusColors: Record<MessageStatus, Color> = {
  pending: colors.info,
  sending: colors.info,
  retrying: colors.warn,
  delivered: colors.good,
  failed: colors.bad,
};

export function MessageItem({ message, onReplay }: Props) {
  const id = message.messageId;
  return (
    <Card style={styles.card} testID={`message-${id}`}>
      <View style={styles.row}>
        <Text style={styles.sender}>{message.sender}</Text>
        <Text
          testID={`message-status-${id}`}
          accessibilityLabel={`Status: ${message.status}`}
          style={{ color: statusColors[message.status] }}
        >
          {message.status}
        </Text>
      </View>
      <Text numberOfLines={2} style={styles.body}>
        {message.body}
      </Text>
      <Text
        style={styles.meta}
      >{`${message.attempts} attempt(s)${message.httpStatus === null ? '' : ` · HTTP ${message.httpStatus}`}`}</Text>
      {message.lastError !== null ? (
        <Text
          testID={`message-error-${id}`}
          style={styles.error}
        >{`${message.lastErrorCategory ?? 'unknown'}: ${message.lastError}`}</Text>
      ) : null}
      {message.status === 'failed' && onReplay ? (
        <Button testID={`replay-${id}`} label="Replay" secondary onPress={() => onReplay(id)} />
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { marginBottom: spacing.sm },
  row: { flexDirection: 'row', justifyContent: 'space-between' },
  sender: { fontWeight: 'bold', color: colors.text },
  body: { color: colors.text, marginVertical: spacing.xs },
  meta: { color: colors.muted, fontSize: 12 },
  error: { color: colors.bad, fontSize: 12, marginVertical: spacing.xs },
});
