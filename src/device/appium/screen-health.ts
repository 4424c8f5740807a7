// A phone has no /health endpoint: its health is what the Health screen shows. This turns a scrape
// (testID → text) back into the engine's Health shape, as far as the screen shows it.
import type { Health } from '../../../android-app/src/engine/types';
import type { ScreenTexts } from '../core/screen-texts';
import { parseCount, parseDuration, parsePercent, type Parsed } from './screen-metrics';

const numberOr = (parsed: Parsed | null, fallback: number): number =>
  parsed?.kind === 'number' ? parsed.value : fallback;
const numberOrNull = (parsed: Parsed | null): number | null => (parsed?.kind === 'number' ? parsed.value : null);
const read = (texts: ScreenTexts, name: string, parse: (text: string) => Parsed): Parsed | null =>
  texts[name] === undefined ? null : parse(texts[name]);

/**
 * The screen's numbers as Health. Not on the screen, hence neutral here: `sending`, `failed24h`,
 * `latencyP50Ms`, `paused`, `receiverPaused`, the last error's time, and the reasons' categories.
 * Throws when the queue size is missing or unreadable: the drain waits on it, a guess would end a run early.
 */
export function healthFromScreen(texts: ScreenTexts, now: number): Health {
  const queue = read(texts, 'queue-size', parseCount);
  if (queue?.kind !== 'number')
    throw new Error(
      `The Health screen shows no readable queue size (metric-queue-size: ${JSON.stringify(texts['queue-size'] ?? null)})`,
    );
  const count = (name: string): number => numberOr(read(texts, name, parseCount), 0);
  const rate = numberOrNull(read(texts, 'success-rate', parsePercent));
  const breaker = texts.breaker === 'open' || texts.breaker === 'half-open' ? texts.breaker : 'closed';
  const lastError = texts['last-error'] && texts['last-error'] !== 'None' ? texts['last-error'] : null;
  // StatusCard shows only "System Healthy" or "System Issues Detected": degraded and down look the same.
  const status = texts.status === undefined || texts.status === 'System Healthy' ? 'healthy' : 'degraded';
  return {
    status,
    reasons: [],
    queueSize: queue.value,
    pending: count('pending'),
    retrying: count('retrying'),
    sending: 0,
    failed: count('failed'),
    delivered: count('delivered'),
    deliveredToday: count('today-delivered'),
    totalToday: count('today-total'),
    successRate24h: rate === null ? null : rate / 100,
    oldestPendingAgeMs: numberOr(read(texts, 'queue-lag', parseDuration), 0),
    latencyP50Ms: null,
    latencyP95Ms: numberOrNull(read(texts, 'p95-latency', parseDuration)),
    lastError: lastError
      ? {
          message: lastError,
          category: (texts['last-error-category'] ?? 'unknown') as NonNullable<Health['lastError']>['category'],
          at: now,
        }
      : null,
    network: texts.network === 'Disconnected' ? 'offline' : 'online',
    dispatcherRunning: texts.dispatcher !== 'Stopped',
    paused: null,
    lastRunAt: null,
    breaker,
    generatedAt: now,
    receiverPaused: null,
    inFlight: count('in-flight'),
    failed24h: 0,
    gaveUp: count('gave-up'),
  };
}
