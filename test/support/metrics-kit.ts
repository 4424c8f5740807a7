// Builders of device health and stub stats for tests of the metrics stage and the dashboard.
import type { DeviceHealth } from '../../src/device/core/device';
import type { StubStats } from '../../src/stub/index';
import { noStats } from '../../src/stub/stub-thread-protocol';
import type { Health } from '../../android-app/src/engine/types';

export function healthOf(engine: Partial<Health> = {}, rssBytes: number | null = 50 * 1024 * 1024): DeviceHealth {
  return {
    rssBytes,
    engine: {
      status: 'healthy',
      reasons: [],
      queueSize: 0,
      pending: 0,
      retrying: 0,
      sending: 0,
      failed: 0,
      delivered: 0,
      deliveredToday: 0,
      totalToday: 0,
      successRate24h: null,
      oldestPendingAgeMs: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
      lastError: null,
      network: 'online',
      dispatcherRunning: true,
      paused: null,
      lastRunAt: null,
      breaker: 'closed',
      generatedAt: 0,
      receiverPaused: null,
      inFlight: 0,
      failed24h: 0,
      gaveUp: 0,
      ...engine,
    },
  };
}

export function statsOf(
  overrides: Partial<Omit<StubStats, 'faults'>> = {},
  faults: Partial<StubStats['faults']> = {},
): StubStats {
  return { ...noStats, ...overrides, faults: { ...noStats.faults, ...faults } };
}
