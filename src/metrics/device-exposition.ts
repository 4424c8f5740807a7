// What `smsgw device --metrics-port` exposes: the virtual device's own figures, for a Prometheus
// server watching a device that runs on its own (no harness run around it). The queue's figures are
// the app's word (its /health); the memory is read by the radio from the kernel's /proc.
import type { DeviceHealth } from '../device/core/device';
import { readVmHwm, readVmRss } from '../device/core/vm-hwm';
import type { MetricFamily, ValueSample } from './prometheus-text';

export interface DeviceSelfFigures {
  /** The deviceId every webhook carries. */
  readonly device: string;
  /** The app's last /health answer; null when it did not answer this time (dead, restarting). */
  readonly health: DeviceHealth | null;
  /** VmRSS and VmHWM of each of the device's processes (`radio`, `app`) that runs. */
  readonly residentBytes: Readonly<Record<string, number>>;
  readonly peakBytes: Readonly<Record<string, number>>;
}

/** Where to read a running device's figures: its app's health URL, and its processes' pids by name. */
export interface DeviceSource {
  readonly device: string;
  readonly healthUrl: string;
  readonly pids: Readonly<Record<string, number | null>>;
}

const healthTimeoutMs = 2_000;

async function readHealth(healthUrl: string): Promise<DeviceHealth | null> {
  try {
    const response = await fetch(`${healthUrl}/health`, { signal: AbortSignal.timeout(healthTimeoutMs) });
    return response.ok ? ((await response.json()) as DeviceHealth) : null;
  } catch {
    return null;
  }
}

async function readByProcess(
  pids: DeviceSource['pids'],
  read: (pid: number) => Promise<number | null>,
): Promise<Record<string, number>> {
  const figures = await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => [name, pid === null ? null : await read(pid)] as const),
  );
  return Object.fromEntries(figures.filter((entry): entry is readonly [string, number] => entry[1] !== null));
}

/** Reads the device's figures now: its app's /health, and /proc of its processes. */
export async function readDeviceFigures(source: DeviceSource): Promise<DeviceSelfFigures> {
  const [health, residentBytes, peakBytes] = await Promise.all([
    readHealth(source.healthUrl),
    readByProcess(source.pids, readVmRss),
    readByProcess(source.pids, readVmHwm),
  ]);
  return { device: source.device, health, residentBytes, peakBytes };
}

const app = "as the app's /health says";

/** The app's queue, in its own word. */
function queueFamilies(figures: DeviceSelfFigures): MetricFamily[] {
  const labels = { device: figures.device };
  const engine = figures.health?.engine ?? null;
  const fromHealth = (value: number | undefined | null): ValueSample[] =>
    value === undefined || value === null ? [] : [{ labels, value }];
  return [
    {
      kind: 'gauge',
      name: 'smsgw_device_queue_depth',
      help: `Messages in the app's queue not delivered yet (pending, sending, retrying), ${app}.`,
      samples: fromHealth(engine?.queueSize),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_retrying',
      help: `Messages waiting for a retry, ${app}.`,
      samples: fromHealth(engine?.retrying),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_failed',
      help: `Messages dead-lettered (refused by the server or given up on) and still kept, ${app}.`,
      samples: fromHealth(engine?.failed),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_delivered',
      help: `Messages the app holds as delivered, ${app}; the retention sweep removes old ones, so it can fall.`,
      samples: fromHealth(engine?.delivered),
    },
    {
      kind: 'counter',
      name: 'smsgw_device_gave_up_total',
      help: `Messages the app gave up on once their retry budget ran out, ${app}.`,
      samples: fromHealth(engine?.gaveUp),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_inbox_backlog',
      help: `SMS the app has taken from the phone but not yet into its queue, ${app}.`,
      samples: fromHealth(figures.health?.backlog),
    },
  ];
}

/** Every family `smsgw device --metrics-port` exposes. */
export function deviceSelfFamilies(figures: DeviceSelfFigures): MetricFamily[] {
  const labels = { device: figures.device };
  const byProcess = (values: Readonly<Record<string, number>>): ValueSample[] =>
    Object.entries(values).map(([process, value]) => ({ labels: { ...labels, process }, value }));
  return [
    {
      kind: 'gauge',
      name: 'smsgw_device_up',
      help: '1 when the app answered /health for this scrape, 0 when it did not (dead, restarting, stuck).',
      samples: [{ labels, value: figures.health ? 1 : 0 }],
    },
    ...queueFamilies(figures),
    {
      kind: 'gauge',
      name: 'smsgw_device_rss_bytes',
      help: "Resident memory (VmRSS) of each of the device's processes, read by the radio from the kernel's /proc, not the app's word.",
      samples: byProcess(figures.residentBytes),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_peak_rss_bytes',
      help: "Peak resident memory (VmHWM) of each of the device's running processes, read by the radio from the kernel's /proc.",
      samples: byProcess(figures.peakBytes),
    },
  ];
}
