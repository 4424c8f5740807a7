// The health dashboard. Nothing native in here or below it: data comes from an injected
// HealthSource, so react-native-web renders the same screen from a `/health` URL.
import { ActivityIndicator, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { appDefaults } from '../config/app-defaults';
import { Button } from '../components/Button';
import { EngineCard } from '../components/EngineCard';
import { LastErrorCard } from '../components/LastErrorCard';
import { MetricCard } from '../components/MetricCard';
import { MetricRow } from '../components/MetricRow';
import { NetworkCard } from '../components/NetworkCard';
import { StatusCard } from '../components/StatusCard';
import type { Health, HealthSource } from '../services/health-source';
import { colors } from '../theme/colors';
import { spacing } from '../theme/spacing';
import { formatDuration, formatPercent } from '../utils/format-duration';
import { failedColor, queueColor, successRateColor } from '../utils/health-colors';
import { useHealth } from './use-health';

export type HealthScreenProps = {
  /** Where the numbers come from: the engine on the phone, `/health` on the web. */
  readonly source: HealthSource;
  /** Auto-refresh period, ms. Default appDefaults.healthRefreshMs (10 000). */
  readonly refreshIntervalMs?: number;
};

function Metrics({ health }: { readonly health: Health }) {
  return (
    <>
      <StatusCard status={health.status} reasons={health.reasons} />
      <MetricRow>
        <MetricCard
          name="queue-size"
          title="Queue size"
          value={String(health.queueSize)}
          color={queueColor(health.queueSize)}
        />
        <MetricCard name="pending" title="Pending" value={String(health.pending)} color={colors.warn} />
      </MetricRow>
      <MetricRow>
        <MetricCard
          name="success-rate"
          title="Success rate (24h)"
          value={formatPercent(health.successRate24h)}
          color={successRateColor(health.successRate24h)}
        />
        <MetricCard name="failed" title="Failed" value={String(health.failed)} color={failedColor(health.failed)} />
      </MetricRow>
      <MetricRow>
        <MetricCard name="today-total" title="Today total" value={String(health.totalToday)} color={colors.info} />
        <MetricCard
          name="today-delivered"
          title="Today delivered"
          value={String(health.deliveredToday)}
          color={colors.good}
        />
      </MetricRow>
      <MetricRow>
        <MetricCard
          name="queue-lag"
          title="Queue lag"
          value={formatDuration(health.oldestPendingAgeMs)}
          color={colors.info}
        />
        <MetricCard
          name="p95-latency"
          title="p95 latency"
          value={formatDuration(health.latencyP95Ms)}
          color={colors.info}
        />
      </MetricRow>
      <MetricRow>
        <MetricCard name="retrying" title="Retrying" value={String(health.retrying)} color={colors.warn} />
        <MetricCard name="delivered" title="Delivered" value={String(health.delivered)} color={colors.good} />
      </MetricRow>
      <MetricRow>
        <MetricCard name="gave-up" title="Given up" value={String(health.gaveUp)} color={failedColor(health.gaveUp)} />
      </MetricRow>
      <NetworkCard network={health.network} retrying={health.retrying} />
      <LastErrorCard lastError={health.lastError} nowMs={health.generatedAt} />
      <EngineCard health={health} />
    </>
  );
}

export function HealthScreen({ source, refreshIntervalMs = appDefaults.healthRefreshMs }: HealthScreenProps) {
  const { health, error, refreshing, refresh, pullToRefresh } = useHealth(source, refreshIntervalMs);
  return (
    <View style={styles.screen} testID="health-screen">
      <View style={styles.header}>
        <Text style={styles.title} accessibilityRole="header">
          System Health
        </Text>
        <Button testID="refresh-button" label="Refresh" secondary onPress={() => void refresh()} />
      </View>
      {error !== null ? (
        <Text testID="health-load-error" style={styles.error}>{`Could not load health: ${error}`}</Text>
      ) : null}
      {health === null ? (
        error === null ? (
          <ActivityIndicator testID="health-loading" style={styles.loading} />
        ) : null
      ) : (
        <ScrollView
          testID="health-scroll"
          contentContainerStyle={styles.content}
          refreshControl={<RefreshControl refreshing={refreshing} onRefresh={() => void pullToRefresh()} />}
        >
          <Metrics health={health} />
        </ScrollView>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  header: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: spacing.lg },
  title: { fontSize: 22, fontWeight: 'bold', color: colors.text },
  error: { color: colors.bad, paddingHorizontal: spacing.lg },
  loading: { marginTop: spacing.xl },
  content: { padding: spacing.lg, paddingTop: 0 },
});
