import { describe, expect, it } from 'vitest';
import { healthFromScreen } from './screen-health';

// What scrapeHealthScreen returned from the app's Health screen (HealthScreen.tsx, EngineCard, LastErrorCard).
const scraped = {
  status: 'System Issues Detected',
  'queue-size': '3',
  pending: '2',
  'success-rate': '97.5%',
  failed: '1',
  'today-total': '40',
  'today-delivered': '38',
  'queue-lag': '12.4 s',
  'p95-latency': '850 ms',
  retrying: '1',
  delivered: '38',
  network: 'Disconnected',
  dispatcher: 'Running',
  breaker: 'half-open',
  'in-flight': '0',
  'last-run': '2 s ago',
  'last-error': 'HTTP 503',
  'last-error-category': 'http-transient',
  'last-error-time': '3 s ago',
};

describe('healthFromScreen', () => {
  it('reads every number the screen shows back into the Health shape', () => {
    expect(healthFromScreen(scraped, 1_000)).toMatchObject({
      status: 'degraded',
      queueSize: 3,
      pending: 2,
      failed: 1,
      totalToday: 40,
      deliveredToday: 38,
      delivered: 38,
      retrying: 1,
      successRate24h: 0.975,
      oldestPendingAgeMs: 12_400,
      latencyP95Ms: 850,
      network: 'offline',
      breaker: 'half-open',
      lastError: { message: 'HTTP 503', category: 'http-transient', at: 1_000 },
      generatedAt: 1_000,
    });
  });

  it('reads "—" as unknown and "None" as no last error', () => {
    const health = healthFromScreen(
      { status: 'System Healthy', 'queue-size': '0', 'success-rate': '—', 'p95-latency': '—', 'last-error': 'None' },
      5,
    );
    expect(health).toMatchObject({
      status: 'healthy',
      queueSize: 0,
      successRate24h: null,
      latencyP95Ms: null,
      lastError: null,
      network: 'online',
    });
  });

  it('refuses a screen without a readable queue size rather than guess an empty queue', () => {
    expect(() => healthFromScreen({ 'queue-size': 'Loading…' }, 0)).toThrow(/no readable queue size/);
    expect(() => healthFromScreen({}, 0)).toThrow(/metric-queue-size: null/);
  });
});
