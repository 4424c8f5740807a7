// What every judged set of SMS measures the same way, whether it is a run, one device of a fleet, or
// merged shards: its latency figures from the exact latency of each delivered SMS, what reached the
// device and what was delivered, and what the device said of why it did not deliver.
import type { DeviceHealth } from '../device/core/device';
import type { RunMeasurements } from '../judge/verdicts';
import { percentile } from '../metrics/percentile';
import type { LatencySummary } from './run-report';

type LatencyMeasurements = Pick<
  RunMeasurements,
  'latencyP50Ms' | 'latencyP95Ms' | 'latencyP99Ms' | 'latencyMaxMs' | 'latencySamples'
>;

/** Nearest-rank percentiles over every delivered SMS's latency, on the harness's clock. */
export const latencyMeasurements = (latenciesMs: Float64Array): LatencyMeasurements => ({
  latencyP50Ms: percentile(latenciesMs, 50),
  latencyP95Ms: percentile(latenciesMs, 95),
  latencyP99Ms: percentile(latenciesMs, 99),
  latencyMaxMs: percentile(latenciesMs, 100),
  latencySamples: latenciesMs.length,
});

/** report.json's latency summary: the same percentiles, named as the report names them. */
export const latencyOf = (latenciesMs: Float64Array): LatencySummary => ({
  clock: 'harness wall clock',
  p50Ms: percentile(latenciesMs, 50),
  p95Ms: percentile(latenciesMs, 95),
  p99Ms: percentile(latenciesMs, 99),
  maxMs: percentile(latenciesMs, 100),
});

/**
 * `sent`: the SMS that reached the device, whatever it answered (an in-doubt SMS only when it was
 * delivered, since one the ordered kill cut before the device stored it never reached it, and that is
 * fine). `delivered`: an in-doubt or unanswered SMS the server accepted once was delivered all the same.
 */
export function sentAndDelivered(
  counts: { readonly acknowledged: number; readonly refused: number; readonly unanswered: number },
  trace: { readonly delivered: number; readonly unansweredDelivered: number; readonly inDoubtDelivered: number },
): { sent: number; delivered: number } {
  return {
    sent: counts.acknowledged + counts.refused + counts.unanswered + trace.inDoubtDelivered,
    delivered: trace.delivered + trace.unansweredDelivered + trace.inDoubtDelivered,
  };
}

/**
 * What the device said last of why it did not deliver: its queue's pause reason (an untrusted
 * certificate, a redirect), else its last error; null when its health never said either.
 */
export function deviceSaysOf(health: DeviceHealth | null): string | null {
  const engine = health?.engine;
  if (engine?.paused) return `queue paused: ${engine.paused.reason}`;
  if (engine?.lastError) return `last error: ${engine.lastError.message}`;
  return null;
}
