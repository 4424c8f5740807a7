import { describe, expect, it } from 'vitest';
import {
  createRunExporter,
  latencyBucketsSeconds,
  latencyHistogram,
  runFamilies,
  type DeviceFigures,
  type RunFigures,
} from './run-exposition';

const device = (name: string, overrides: Partial<DeviceFigures> = {}): DeviceFigures => ({
  device: name,
  injected: 10,
  acknowledged: 9,
  refused: 1,
  unanswered: 0,
  queueDepth: 2,
  retrying: 1,
  residentBytes: { radio: 50e6, app: 80e6 },
  peakRssBytes: 90e6,
  traced: {
    atMs: 1_700_000_000_000,
    delivered: 7,
    duplicates: 0,
    undelivered: 2,
    latency: latencyHistogram([5, 1500]),
  },
  lost: null,
  ...overrides,
});

const figures = (overrides: Partial<RunFigures> = {}): RunFigures => ({
  identity: { scenario: 'soak-15m', runId: 'run-1', shard: '2/4' },
  phase: 'load',
  judged: false,
  devices: [device('virtual-5554')],
  server: { accepted: 7, requests: 9, redeliveries: 0, faults: { status: 2, delay: 0 } },
  harnessRssBytes: 150e6,
  ...overrides,
});

/** The samples of one family: labels and value, as lines without the metric name. */
const samplesOf = (text: string, name: string): string[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => line.slice(name.length));

describe('latencyHistogram', () => {
  it('buckets milliseconds as seconds on the fixed bounds', () => {
    const histogram = latencyHistogram([5, 10, 1500, 200_000_000]);
    expect(histogram.buckets.map((bucket) => bucket.le)).toEqual([...latencyBucketsSeconds]);
    expect(histogram.buckets[0]).toEqual({ le: 0.01, count: 2 });
    expect(histogram.buckets.find((bucket) => bucket.le === 2.5)?.count).toBe(3);
    expect(histogram.buckets.at(-1)?.count).toBe(3);
    expect(histogram).toMatchObject({ count: 4, sum: 200_001.515 });
  });
});

describe('runFamilies', () => {
  it('labels every series with the scenario, the run id and the shard, and device series with the device', () => {
    const text = createRunExporter().render();
    expect(text).toBe('');
    const exporter = createRunExporter();
    exporter.show(figures());
    const rendered = exporter.render();
    expect(samplesOf(rendered, 'smsgw_acknowledged_total')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="virtual-5554"} 9',
    ]);
    expect(samplesOf(rendered, 'smsgw_server_accepted_total')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4"} 7',
    ]);
    expect(samplesOf(rendered, 'smsgw_stub_faults_total')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",kind="status"} 2',
      '{scenario="soak-15m",run_id="run-1",shard="2/4",kind="delay"} 0',
    ]);
    expect(samplesOf(rendered, 'smsgw_device_rss_bytes')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="virtual-5554",process="radio"} 50000000',
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="virtual-5554",process="app"} 80000000',
    ]);
  });

  it('gives each device of a fleet its own series, told apart by the device label', () => {
    const exporter = createRunExporter();
    exporter.show(figures({ devices: [device('phone-a'), device('phone-b', { injected: 4 })] }));
    expect(samplesOf(exporter.render(), 'smsgw_injected_total')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="phone-a"} 10',
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="phone-b"} 4',
    ]);
  });

  it('marks the current phase 1 and the others 0', () => {
    const exporter = createRunExporter();
    exporter.show(figures({ phase: 'drain' }));
    expect(samplesOf(exporter.render(), 'smsgw_run_phase').map((line) => line.replace(/^.*phase=/, ''))).toEqual([
      '"starting"} 0',
      '"load"} 0',
      '"drain"} 1',
      '"teardown"} 0',
      '"done"} 0',
    ]);
  });

  it('exports lost only once the run is judged, and the traced figures only once a trace ran', () => {
    const names = (shown: RunFigures): string[] =>
      runFamilies(shown)
        .filter((family) => family.samples.length > 0)
        .map((family) => family.name);
    const running = names(figures());
    expect(running).not.toContain('smsgw_lost_total');
    expect(running).toContain('smsgw_undelivered');
    const untraced = names(figures({ devices: [device('virtual-5554', { traced: null })] }));
    for (const name of ['smsgw_delivered_total', 'smsgw_duplicates_total', 'smsgw_latency_seconds'])
      expect(untraced).not.toContain(name);
    const judged = createRunExporter();
    judged.show(figures({ judged: true, devices: [device('virtual-5554', { lost: 2 })] }));
    expect(samplesOf(judged.render(), 'smsgw_lost_total')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="virtual-5554"} 2',
    ]);
    expect(samplesOf(judged.render(), 'smsgw_run_judged')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4"} 1',
    ]);
  });

  it('writes the latency histogram with cumulative buckets up to +Inf', () => {
    const exporter = createRunExporter();
    exporter.show(figures());
    const buckets = samplesOf(exporter.render(), 'smsgw_latency_seconds_bucket');
    expect(buckets).toHaveLength(latencyBucketsSeconds.length + 1);
    expect(buckets[0]).toMatch(/le="0.01"\} 1$/);
    expect(buckets.at(-1)).toMatch(/le="\+Inf"\} 2$/);
    expect(samplesOf(exporter.render(), 'smsgw_latency_seconds_count')).toEqual([
      '{scenario="soak-15m",run_id="run-1",shard="2/4",device="virtual-5554"} 2',
    ]);
  });
});
