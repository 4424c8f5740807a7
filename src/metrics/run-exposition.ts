// What `smsgw run --metrics-port` exposes, as Prometheus metric families: the run's figures as the
// harness measures them (its injection log, the stub's ledger and stats, the kernel's memory figures,
// its trace), with the device's own word only where nothing else can tell (its queue).
import type { Labels, MetricFamily, ValueSample } from './prometheus-text';
import { histogramOf, renderExposition, type HistogramSample } from './prometheus-text';
import type { Phase } from './metrics-snapshot';

/** Which run a series belongs to: every series carries these as labels. */
export interface RunIdentity {
  readonly scenario: string;
  readonly runId: string;
  /** `k/n` of a sharded run; `1/1` for a whole one. */
  readonly shard: string;
}

/** What a trace of the run (the verdicts' own matching of injections to the ledger) found, for one device. */
export interface TracedFigures {
  /** Epoch ms when the trace ran. */
  readonly atMs: number;
  /** SMS the server accepted, matched to an injected SMS: report.json's `counts.delivered`. */
  readonly delivered: number;
  /** SMS accepted under a second key: `counts.duplicates`. */
  readonly duplicates: number;
  /** Acknowledged SMS not matched to an acceptance yet; mid-run this includes what is still queued. */
  readonly undelivered: number;
  /** Injection → first 2xx of every delivered SMS, seconds, bucketed (`latencyBucketsSeconds`). */
  readonly latency: Omit<HistogramSample, 'labels'>;
}

/** One device's figures. A fleet has one entry per device; its `device` label tells them apart. */
export interface DeviceFigures {
  /** The deviceId (the one every webhook carries), else the device's label. */
  readonly device: string;
  /** SMS the harness wrote to this device's console, answered or not. */
  readonly injected: number;
  readonly acknowledged: number;
  readonly refused: number;
  readonly unanswered: number;
  /** The device's own word (its /health): null before it answered. */
  readonly queueDepth: number | null;
  readonly retrying: number | null;
  /** VmRSS of each of the device's processes (`app`, `radio`), read by this machine from the kernel. */
  readonly residentBytes: Readonly<Record<string, number>>;
  /** The `device_rss` verdict's figure: the kernel's VmHWM of the device's processes, killed ones included. */
  readonly peakRssBytes: number | null;
  /** Null before the first trace. */
  readonly traced: TracedFigures | null;
  /** The report's `counts.lost`, once the run is judged; null before. */
  readonly lost: number | null;
}

export interface RunFigures {
  readonly identity: RunIdentity;
  readonly phase: Phase;
  /** The run's report has been written and these are its final figures. */
  readonly judged: boolean;
  readonly devices: readonly DeviceFigures[];
  /** The stub's own counts; null before it started. */
  readonly server: {
    readonly accepted: number;
    readonly requests: number;
    readonly redeliveries: number;
    readonly faults: Readonly<Record<string, number>>;
  } | null;
  readonly harnessRssBytes: number | null;
}

/** Upper bounds of the latency histogram, seconds: from a quick local server to an outage a soak rode out. */
export const latencyBucketsSeconds = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 10800, 86400,
] as const;

/** Latencies in ms → the histogram's buckets, in seconds. */
export function latencyHistogram(latenciesMs: Iterable<number>): Omit<HistogramSample, 'labels'> {
  const seconds = function* (): Generator<number> {
    for (const ms of latenciesMs) yield ms / 1000;
  };
  return histogramOf(seconds(), latencyBucketsSeconds);
}

const runPhases: readonly Phase[] = ['starting', 'load', 'drain', 'teardown', 'done'];

const runLabels = ({ scenario, runId, shard }: RunIdentity): Labels => ({ scenario, run_id: runId, shard });

type FigureOf = (device: DeviceFigures) => number | null | undefined;

/** One sample per device that has the figure. */
function perDevice(figures: RunFigures, pick: FigureOf): ValueSample[] {
  return figures.devices.flatMap((device) => {
    const value = pick(device);
    return value === null || value === undefined
      ? []
      : [{ labels: { ...runLabels(figures.identity), device: device.device }, value }];
  });
}

const one = (figures: RunFigures, value: number | null): ValueSample[] =>
  value === null ? [] : [{ labels: runLabels(figures.identity), value }];

/** Counts the harness keeps of what it sent each device (its injection log). */
function injectionFamilies(figures: RunFigures): MetricFamily[] {
  return [
    {
      kind: 'counter',
      name: 'smsgw_injected_total',
      help: "SMS the harness wrote to the device's console (sms send), answered or not.",
      samples: perDevice(figures, (d) => d.injected),
    },
    {
      kind: 'counter',
      name: 'smsgw_acknowledged_total',
      help: "SMS the device's console answered OK: report.json's counts.injected.",
      samples: perDevice(figures, (d) => d.acknowledged),
    },
    {
      kind: 'counter',
      name: 'smsgw_refused_total',
      help: 'SMS the device answered KO after every retry.',
      samples: perDevice(figures, (d) => d.refused),
    },
    {
      kind: 'counter',
      name: 'smsgw_unanswered_total',
      help: 'SMS the device never answered (a timeout, a closed line, a death no chaos step ordered).',
      samples: perDevice(figures, (d) => d.unanswered),
    },
  ];
}

/** What the harness's trace matched: the verdicts' own figures, as of smsgw_last_trace_timestamp_seconds. */
function tracedFamilies(figures: RunFigures): MetricFamily[] {
  const asOf =
    'as of the latest trace of the injection log against the stub ledger (smsgw_last_trace_timestamp_seconds)';
  return [
    {
      kind: 'counter',
      name: 'smsgw_delivered_total',
      help: `SMS the server accepted, each matched to an injected SMS by content: report.json's counts.delivered, ${asOf}.`,
      samples: perDevice(figures, (d) => d.traced?.delivered),
    },
    {
      kind: 'counter',
      name: 'smsgw_duplicates_total',
      help: `SMS the server accepted under a second idempotency key (the duplicates verdict), ${asOf}.`,
      samples: perDevice(figures, (d) => d.traced?.duplicates),
    },
    {
      kind: 'gauge',
      name: 'smsgw_undelivered',
      help: `SMS the device acknowledged that the server has not accepted, ${asOf}. During the run this includes SMS still queued on the device, so it is not a loss; once the run is judged it equals smsgw_lost_total.`,
      samples: perDevice(figures, (d) => d.traced?.undelivered),
    },
    {
      kind: 'counter',
      name: 'smsgw_lost_total',
      help: "Acknowledged SMS the server never accepted: report.json's counts.lost, the lost verdict's figure. Exported only once the run's report is written, never during the run.",
      samples: perDevice(figures, (d) => d.lost),
    },
    {
      kind: 'histogram',
      name: 'smsgw_latency_seconds',
      help: `Injection (first sms send line) to the server's first 2xx, on the harness's clock, of every delivered SMS, ${asOf}.`,
      samples: figures.devices.flatMap((d) =>
        d.traced ? [{ labels: { ...runLabels(figures.identity), device: d.device }, ...d.traced.latency }] : [],
      ),
    },
    {
      kind: 'gauge',
      name: 'smsgw_last_trace_timestamp_seconds',
      help: 'When the trace behind the traced figures ran, Unix seconds.',
      samples: perDevice(figures, (d) => (d.traced ? d.traced.atMs / 1000 : null)),
    },
  ];
}

/** The device's state: its queue in its own word, its memory read from the kernel by this machine. */
function deviceFamilies(figures: RunFigures): MetricFamily[] {
  return [
    {
      kind: 'gauge',
      name: 'smsgw_device_queue_depth',
      help: "Messages in the app's queue not delivered yet (pending, sending, retrying), as the device's /health says.",
      samples: perDevice(figures, (d) => d.queueDepth),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_retrying',
      help: "Messages waiting for a retry, as the device's /health says.",
      samples: perDevice(figures, (d) => d.retrying),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_rss_bytes',
      help: "Resident memory (VmRSS) of each of the device's processes, read by the harness from the kernel, not the device's word.",
      samples: figures.devices.flatMap((d) =>
        Object.entries(d.residentBytes).map(([process, value]) => ({
          labels: { ...runLabels(figures.identity), device: d.device, process },
          value,
        })),
      ),
    },
    {
      kind: 'gauge',
      name: 'smsgw_device_peak_rss_bytes',
      help: "Peak resident memory (VmHWM) of the device's processes so far, killed ones included, read by the harness from the kernel: the device_rss verdict's figure.",
      samples: perDevice(figures, (d) => d.peakRssBytes),
    },
  ];
}

/** The stub's own counts: the whole run's, whichever device sent. */
function serverFamilies(figures: RunFigures): MetricFamily[] {
  const { server } = figures;
  const labels = runLabels(figures.identity);
  return [
    {
      kind: 'counter',
      name: 'smsgw_server_accepted_total',
      help: 'Distinct idempotency keys the stub server accepted (2xx), from its own count, read every second.',
      samples: one(figures, server?.accepted ?? null),
    },
    {
      kind: 'counter',
      name: 'smsgw_server_requests_total',
      help: 'Requests the stub server answered, faulted and refused ones included.',
      samples: one(figures, server?.requests ?? null),
    },
    {
      kind: 'counter',
      name: 'smsgw_server_redeliveries_total',
      help: 'Webhooks the stub accepted again under a key it had already accepted (deduplicated by the server).',
      samples: one(figures, server?.redeliveries ?? null),
    },
    {
      kind: 'counter',
      name: 'smsgw_stub_faults_total',
      help: "Requests on which the stub fired each kind of the scenario's faults.",
      samples: Object.entries(server?.faults ?? {}).map(([kind, value]) => ({ labels: { ...labels, kind }, value })),
    },
  ];
}

function runStateFamilies(figures: RunFigures): MetricFamily[] {
  const labels = runLabels(figures.identity);
  return [
    {
      kind: 'gauge',
      name: 'smsgw_run_phase',
      help: 'The phase the run is in: 1 for the current one, 0 for the others.',
      samples: runPhases.map((phase) => ({ labels: { ...labels, phase }, value: phase === figures.phase ? 1 : 0 })),
    },
    {
      kind: 'gauge',
      name: 'smsgw_run_judged',
      help: "1 once the run's report is written and every figure here is the report's final one; 0 before.",
      samples: one(figures, figures.judged ? 1 : 0),
    },
    {
      kind: 'gauge',
      name: 'smsgw_harness_rss_bytes',
      help: "The harness's own resident memory: it should stay flat through a soak.",
      samples: one(figures, figures.harnessRssBytes),
    },
  ];
}

/** Every family `smsgw run --metrics-port` exposes, in a fixed order. */
export function runFamilies(figures: RunFigures): MetricFamily[] {
  return [
    ...runStateFamilies(figures),
    ...injectionFamilies(figures),
    ...tracedFamilies(figures),
    ...deviceFamilies(figures),
    ...serverFamilies(figures),
  ];
}

/** Holds the latest figures of a run for `GET /metrics`; `smsgw run` keeps one across the scenarios it runs in turn. */
export interface RunExporter {
  show(figures: RunFigures): void;
  /** The figures shown last; null before the first run. */
  current(): RunFigures | null;
  /** The exposition of the figures shown last: empty before the first run. */
  render(): string;
}

export function createRunExporter(): RunExporter {
  let figures: RunFigures | null = null;
  return {
    show: (next) => void (figures = next),
    current: () => figures,
    render: () => (figures === null ? '' : renderExposition(runFamilies(figures))),
  };
}
