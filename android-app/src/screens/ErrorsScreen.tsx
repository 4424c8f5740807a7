// The engine's error log with categories: counts per category, a filter, the latest error and the SMS
// given up on, from health; and "Retry now", which asks the phone for a background pass at once.
import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { Button } from '../components/Button';
import { ErrorLogItem } from '../components/ErrorLogItem';
import { GaveUpCard } from '../components/GaveUpCard';
import { LastErrorCard } from '../components/LastErrorCard';
import { appDefaults } from '../config/app-defaults';
import type { LoggedError } from '../engine';
import type { ErrorCategory, Health } from '../engine/types';
import { useAppPorts, useAppService } from '../services/app-ports';
import { colors } from '../theme/colors';
import { radius, spacing } from '../theme/spacing';
import { countByCategory, errorCategories } from '../utils/error-log';

/** One read of the log and of health, kept together so every relative time uses the same "now". */
type ErrorLog = { readonly errors: readonly LoggedError[]; readonly health: Health };

type RetryAsk = { readonly kind: 'idle' | 'asking' | 'asked' } | { readonly kind: 'failed'; readonly why: string };

/**
 * "Retry now": the pass runs in the background (WorkManager), whatever the network says, so it
 * outlives this screen; what it delivered or logged shows on the next Refresh.
 */
function RetryNow() {
  const { device } = useAppPorts();
  const [ask, setAsk] = useState<RetryAsk>({ kind: 'idle' });
  const retry = async () => {
    setAsk({ kind: 'asking' });
    try {
      await device.retryNow();
      setAsk({ kind: 'asked' });
    } catch (error) {
      setAsk({ kind: 'failed', why: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <>
      <Button
        testID="errors-retry-now"
        label="Retry now"
        disabled={ask.kind === 'asking'}
        onPress={() => void retry()}
      />
      {ask.kind === 'asked' ? (
        <Text testID="errors-retry-note" style={styles.note}>
          Retrying in the background: press Refresh to see how it went
        </Text>
      ) : null}
      {ask.kind === 'failed' ? (
        <Text testID="errors-retry-note" style={styles.note}>{`Could not retry: ${ask.why}`}</Text>
      ) : null}
    </>
  );
}

export function ErrorsScreen() {
  const appService = useAppService();
  const [log, setLog] = useState<ErrorLog | null>(null);
  const [only, setOnly] = useState<ErrorCategory | null>(null);

  const load = useCallback(async () => {
    const [errors, health] = await Promise.all([appService.listErrors(appDefaults.errorPageSize), appService.load()]);
    setLog({ errors, health });
  }, [appService]);

  useEffect(() => {
    void load();
  }, [load]);

  const errors = log?.errors ?? [];
  const counts = countByCategory(errors);
  const shown = errors.filter((error) => only === null || error.category === only);
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
      {/* At most errorPageSize rows: a ScrollView, without FlatList's batching timers. */}
      <ScrollView testID="errors-list" contentContainerStyle={styles.list}>
        <View style={styles.header}>
          {log ? <GaveUpCard gaveUp={log.health.gaveUp} /> : null}
          {log ? <LastErrorCard lastError={log.health.lastError} nowMs={log.health.generatedAt} /> : null}
          <RetryNow />
          <Button testID="errors-refresh" label="Refresh" secondary onPress={() => void load()} />
        </View>
        {log
          ? shown.map((error) => <ErrorLogItem key={error.id} error={error} nowMs={log.health.generatedAt} />)
          : null}
        {log !== null && shown.length === 0 ? (
          <Text testID="errors-empty" style={styles.empty}>
            No errors
          </Text>
        ) : null}
      </ScrollView>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  categories: { flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm, padding: spacing.lg },
  category: {
    borderRadius: radius.chip,
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.xs,
    backgroundColor: colors.card,
    borderWidth: 1,
    borderColor: colors.border,
  },
  selected: { borderColor: colors.info, backgroundColor: colors.warnSurface },
  categoryText: { fontSize: 12, color: colors.text },
  header: { gap: spacing.sm, marginBottom: spacing.md },
  list: { paddingHorizontal: spacing.lg, paddingBottom: spacing.lg },
  empty: { color: colors.muted, textAlign: 'center', marginTop: spacing.xl },
  note: { color: colors.muted, fontSize: 12 },
});
