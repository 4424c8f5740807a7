// A Health value for screen tests: healthy and empty unless a test says otherwise.
import type { Health } from '../../src/engine/types';

export const fixtureNowMs = Date.UTC(2025, 5, 15, 12, 0, 0);

export function healthFixture(overrides: Partial<Health> = {}): Health {
  return {
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
    generatedAt: fixtureNowMs,
    receiverPaused: null,
    inFlight: 0,
    failed24h: 0,
    gaveUp: 0,
    ...overrides,
  };
}
