// `--metrics-port`'s figures come from the harness's own instruments: a real run (virtual device,
// stub, injection log, ledger) in this process, its exporter watched on every sample and at the end.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/index';
import { runScenario } from '../src/run/run-scenario';
import { createRunExporter, type RunExporter, type RunFigures } from '../src/metrics/run-exposition';
import { tempDir, wholeProgramTimeoutMs } from './support/run-cli';

/** An exporter that also keeps every figure it was shown, in order. */
function recordingExporter(): RunExporter & { readonly shown: RunFigures[] } {
  const exporter = createRunExporter();
  const shown: RunFigures[] = [];
  return { ...exporter, shown, show: (figures) => (shown.push(figures), exporter.show(figures)) };
}

const scenarioText = `name: live-metrics
load:
  - constant: { rate: 50/s, for: 4s }
expect:
  lost: 0
`;

describe('the live metrics of a run', { timeout: wholeProgramTimeoutMs }, () => {
  it("show the harness's counts of a device that drops SMS, not its word, and end on the report's own figures", async () => {
    const reportsDir = tempDir();
    const exporter = recordingExporter();
    const { report, dir } = await runScenario(parseScenario(scenarioText, 'live-metrics.yaml'), {
      file: 'live-metrics.yaml',
      reportsDir,
      defects: ['drop:5%'],
      liveMetrics: exporter,
    });
    expect(report.counts.lost).toBeGreaterThan(0);

    // Before any device is up, the run is there with its labels and nothing else.
    expect(exporter.shown[0]).toMatchObject({
      identity: { scenario: 'live-metrics', runId: report.runId, shard: '1/1' },
      phase: 'starting',
      judged: false,
      devices: [],
    });

    // The last sample before the report: the device says its queue is empty, the harness's trace
    // still counts every SMS it dropped as undelivered.
    const sampled = exporter.shown.filter((figures) => !figures.judged && figures.devices.length === 1);
    expect(sampled.length).toBeGreaterThan(1);
    const last = sampled.at(-1)!.devices[0]!;
    expect(last.queueDepth).toBe(0);
    // (A trace is skipped while the last one's duty holds, so the last shown may be a sample older.)
    expect(last.traced?.undelivered).toBeGreaterThanOrEqual(report.counts.lost);
    // What the harness wrote to the console is its own log's count, row for row.
    const log = new Database(join(dir, 'injections.sqlite'), { readonly: true });
    try {
      const { rows } = log.prepare('SELECT COUNT(*) AS rows FROM injections').get() as { rows: number };
      expect(last.injected).toBe(rows);
    } finally {
      log.close();
    }
    // Memory read from the kernel for both of the device's processes.
    expect(Object.keys(last.residentBytes).sort()).toEqual(['app', 'radio']);
    expect(last.peakRssBytes).toBeGreaterThan(0);

    // The injected count never goes back between samples: a counter.
    const injected = sampled.map((figures) => figures.devices[0]!.injected);
    expect(injected).toEqual([...injected].sort((a, b) => a - b));

    const final = exporter.current()!;
    expect(final).toMatchObject({ judged: true, phase: 'done' });
    const device = final.devices[0]!;
    expect(device).toMatchObject({
      device: expect.stringMatching(/^virtual-/),
      acknowledged: report.counts.injected,
      lost: report.counts.lost,
      traced: {
        delivered: report.counts.delivered,
        duplicates: report.counts.duplicates,
        undelivered: report.counts.lost,
      },
    });
    expect(device.traced?.latency.count).toBe(report.counts.delivered);
    expect(final.server?.accepted).toBe(report.stub['accepted']);
    const text = exporter.render();
    expect(text).toContain(
      `smsgw_lost_total{scenario="live-metrics",run_id="${report.runId}",shard="1/1",device="${device.device}"} ${report.counts.lost}`,
    );
    expect(text).toMatch(/^smsgw_run_judged\{[^}]*\} 1$/m);
  });
});
