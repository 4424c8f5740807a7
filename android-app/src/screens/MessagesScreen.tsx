// Recent and failed messages, newest first, with replay of the failed ones.
import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { appDefaults } from '../config/app-defaults';
import { Button } from '../components/Button';
import { MessageItem } from '../components/MessageItem';
import type { StoredMessage } from '../engine/types';
import { useAppService } from '../services/app-ports';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';

type Filter = 'recent' | 'failed';

const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/** The page of messages the filter shows (null until loaded), and replay with a notice of how many. */
function useMessages(filter: Filter) {
  const appService = useAppService();
  const [messages, setMessages] = useState<readonly StoredMessage[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const options = {
      limit: appDefaults.messagePageSize,
      ...(filter === 'failed' ? { status: 'failed' as const } : {}),
    };
    setMessages(await appService.listMessages(options));
  }, [appService, filter]);

  useEffect(() => {
    void load();
  }, [load]);

  const replay = async (messageIds?: readonly string[]) => {
    const count = await appService.replayFailed(messageIds);
    setNotice(`Replayed ${plural(count)}`);
    await load();
  };
  return { messages, notice, load, replay };
}

type ToolbarProps = {
  readonly filter: Filter;
  readonly onFilter: (filter: Filter) => void;
  readonly onRefresh: () => void;
};

function MessagesToolbar({ filter, onFilter, onRefresh }: ToolbarProps) {
  return (
    <View style={styles.toolbar}>
      <Button
        testID="messages-filter-recent"
        label="Recent"
        secondary={filter !== 'recent'}
        onPress={() => onFilter('recent')}
      />
      <Button
        testID="messages-filter-failed"
        label="Failed"
        secondary={filter !== 'failed'}
        onPress={() => onFilter('failed')}
      />
      <Button testID="messages-refresh" label="Refresh" secondary onPress={onRefresh} />
    </View>
  );
}

export function MessagesScreen() {
  const [filter, setFilter] = useState<Filter>('recent');
  const { messages, notice, load, replay } = useMessages(filter);
  const failedShown = messages?.some((message) => message.status === 'failed') ?? false;
  return (
    <View style={styles.screen} testID="messages-screen">
      <MessagesToolbar filter={filter} onFilter={setFilter} onRefresh={() => void load()} />
      {filter === 'failed' && failedShown ? (
        <View style={styles.replayAll}>
          <Button testID="replay-all" label="Replay all failed" onPress={() => void replay()} />
        </View>
      ) : null}
      {notice !== null ? (
        <Text testID="messages-notice" style={styles.notice}>
          {notice}
        </Text>
      ) : null}
      {/* One page (messagePageSize rows) at most: a ScrollView, without FlatList's batching timers. */}
      <ScrollView testID="messages-list" contentContainerStyle={styles.list}>
        {(messages ?? []).map((message) => (
          <MessageItem key={message.messageId} message={message} onReplay={(id) => void replay([id])} />
        ))}
        {messages !== null && messages.length === 0 ? (
          <Text testID="messages-empty" style={styles.empty}>
            {filter === 'failed' ? 'No failed messages' : 'No messages yet'}
          </Text>
        ) : null}
      </ScrollView>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  toolbar: { flexDirection: 'row', gap: spacing.sm, padding: spacing.lg },
  replayAll: { paddingHorizontal: spacing.lg, paddingBottom: spacing.sm },
  notice: { color: colors.good, paddingHorizontal: spacing.lg, paddingBottom: spacing.sm },
  list: { paddingHorizontal: spacing.lg, paddingBottom: spacing.lg },
  empty: { color: colors.muted, textAlign: 'center', marginTop: spacing.xl },
});
