// Polls a device and a stub that someone else started (`smsgw dashboard`) and turns what they say
// into snapshots. Anything that does not answer, or answers nonsense, is "unreachable" and asked again.
import type { DeviceHealth } from '../device/core/device';
import type { StubStats } from '../stub/index';
import { metricsDefaults } from './defaults';
import { createMetricsRecorder, type Polled } from './metrics-recorder';
import type { MetricsSnapshot } from './metrics-snapshot';

export interface AttachOptions {
  /** Base URL of the device; its health is at `/health`. Null: no device. */
  readonly deviceUrl: string | null;
  /** Any URL of the stub (its webhook URL will do); its stats are at `/_smsgw/stats`. Null: no stub. */
  readonly stubUrl: string | null;
  readonly onSnapshot: (snapshot: MetricsSnapshot) => void;
  /** Between polls, ms. Default 1000. */
  readonly intervalMs?: number;
  /** Per request, ms. Default 2000. */
  readonly timeoutMs?: number;
  /** Default global `fetch`. */
  readonly fetch?: typeof fetch;
}

export interface AttachedPolling {
  /** Stops polling; resolves once the poll in flight has finished. */
  stop(): Promise<void>;
}

export const deviceHealthUrl = (base: string): string => new URL('/health', base).href;
export const stubStatsUrl = (base: string): string => new URL('/_smsgw/stats', base).href;

const isDeviceHealth = (value: unknown): value is DeviceHealth =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { engine?: { status?: unknown } }).engine?.status === 'string';
const isStubStats = (value: unknown): value is StubStats =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { requests?: unknown }).requests === 'number' &&
  typeof (value as { faults?: unknown }).faults === 'object';

async function pollJson<T>(
  url: string,
  looksRight: (value: unknown) => value is T,
  what: string,
  options: AttachOptions,
): Promise<Polled<T>> {
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? metricsDefaults.attachTimeoutMs),
    });
    if (!response.ok) return { kind: 'unreachable', error: `GET ${url} answered HTTP ${response.status}` };
    const body: unknown = await response.json();
    return looksRight(body)
      ? { kind: 'ok', value: body }
      : { kind: 'unreachable', error: `GET ${url} did not answer like ${what}` };
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { kind: 'unreachable', error: `GET ${url} failed: ${reason}` };
  }
}

export function attachTitle(deviceUrl: string | null, stubUrl: string | null): string {
  return [deviceUrl ? `device ${deviceUrl}` : null, stubUrl ? `stub ${stubUrl}` : null].filter(Boolean).join(' · ');
}

export function startAttachedPolling(options: AttachOptions): AttachedPolling {
  const recorder = createMetricsRecorder({
    source: 'attached',
    title: attachTitle(options.deviceUrl, options.stubUrl),
  });
  const startedAt = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const poll = async (): Promise<void> => {
    const [health, stub] = await Promise.all([
      options.deviceUrl
        ? pollJson(deviceHealthUrl(options.deviceUrl), isDeviceHealth, 'a smsgw device', options)
        : null,
      options.stubUrl ? pollJson(stubStatsUrl(options.stubUrl), isStubStats, 'a smsgw stub', options) : null,
    ]);
    if (stopped) return;
    options.onSnapshot(recorder.sample({ atMs: Date.now() - startedAt, phase: 'attached', health, stub, load: null }));
    timer = setTimeout(() => (inFlight = poll()), options.intervalMs ?? metricsDefaults.attachIntervalMs);
  };
  inFlight = poll();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
