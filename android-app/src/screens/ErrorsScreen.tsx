// The error log with categories: counts per category, a filter, and the latest error from health.
import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useGateway } from '../app/gateway-context';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { LastErrorCard } from '../components/LastErrorCard';
import type { ErrorCategory, Health } from '../gateway/types';
import { colors } from '../theme/colors';
import { radius, spacing } from '../theme/spacing';
import { countByCategory, errorCategories, errorEntries, type ErrorEntry } from '../utils/error-log';

/** Messages scanned for errors: the newest, since the log is about what is going wrong now. */
const SCAN_LIMIT = 100;

export function ErrorsScreen() {
  const gateway = useGateway();
  const [entries, setEntries] = useState<readonly ErrorEntry[] | null>(null);
  const [health, setHealth] = useState<Health | null>(null);
  const [only, setOnly] = useState<ErrorCategory | null>(null);

  const load = useCallback(async () => {
    const [messages, latest] = await Promise.all([gateway.listMessages({ limit: SCAN_LIMIT }), gateway.load()]);
    setEntries(errorEntries(messages));
    setHealth(latest);
  }, [gateway]);

  useEffect(() => {
    void load();
  }, [load]);

  const counts = countByCategory(entries ?? []);
  const shown = (entries ?? []).filter((entry) => only === null || entry.category === only);
  return (
    <View style={styles.screen} testID="errors-screen">
      <View style={styles.categories}>
        {errorCategories.map((category) => (
          <Pressable
            key={category}
            testID={`error-category-${category}`}
            accessibilityLabel={`${category}: ${counts[category]}`}
            accessibilityState={{ selected: only === category }}
            onPress={() => setOnly(only === category ? null : category)}
            style={[styles.category, only === category && styles.selected]}
          >
            <Text style={styles.categoryText}>{`${category} ${counts[category]}`}</Text>
          </Pressable>
        ))}
      </View>
      {/* At most SCAN_LIMIT rows: a ScrollView, without FlatList's batching timers. */}
      <ScrollView testID="errors-list" contentContainerStyle={styles.list}>
        <View style={styles.header}>
          {health ? <LastErrorCard lastError={health.lastError} nowMs={health.generatedAt} /> : null}
          <Button testID="errors-refresh" label="Refresh" secondary onPress={() => void load()} />
        </View>
        {shown.map((item) => (
          <Card key={item.messageId} style={styles.entry} testID={`error-${item.messageId}`}>
            <Text style={styles.entryCategory}>{`${item.category} · ${item.status} · ${item.attempts} attempt(s)`}</Text>
            <Text style={styles.entryMessage}>{item.message}</Text>
            <Text style={styles.meta}>{item.sender}</Text>
          </Card>
        ))}
        {entries !== null && shown.length === 0 ? <Text testID="errors-empty" style={styles.empty}>No errors</Text> : null}
      </ScrollView>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  categories: { flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm, padding: spacing.lg },
  category: { borderRadius: radius.chip, paddingHorizontal: spacing.md, paddingVertical: spacing.xs, backgroundColor: colors.card, borderWidth: 1, borderColor: colors.border },
  selected: { borderColor: colors.info, backgroundColor: colors.warnSurface },
  categoryText: { fontSize: 12, color: colors.text },
  header: { gap: spacing.sm, marginBottom: spacing.md },
  list: { paddingHorizontal: spacing.lg, paddingBottom: spacing.lg },
  entry: { marginBottom: spacing.sm },
  entryCategory: { color: colors.bad, fontWeight: 'bold', fontSize: 12 },
  entryMessage: { color: colors.text, marginVertical: spacing.xs },
  meta: { color: colors.muted, fontSize: 12 },
  empty: { color: colors.muted, textAlign: 'center', marginTop: spacing.xl },
});
