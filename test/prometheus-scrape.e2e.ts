// A real Prometheus scrapes a real `smsgw run --metrics-port` every second, and its final figures,
// read back through Prometheus's HTTP API, equal the run's report.json; `promtool check metrics`
// (Prometheus's own parser and linter) reads both exporters' text without a complaint.
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithTools } from './support/require-tool';
import {
  onlyRunReport,
  startCli,
  startProcess,
  tempDir,
  wholeProgramTimeoutMs,
  writeScenario,
  type CliRun,
} from './support/run-cli';
import { trackProcesses } from './support/track-processes';
import type { RunReport } from '../src/report/run-report';

/** A port nothing listens on now: the OS picks it, the listener closes. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until `ask` gives a value, or throws after `timeoutMs` with what it last saw. */
async function eventually<T>(what: string, ask: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < until) {
    try {
      const value = await ask();
      if (value !== null) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${String(last)}`);
}

/** Prometheus with a temporary config and storage, scraping `target` every second, on a loopback port. */
async function startPrometheus(binary: string, targetPort: number): Promise<{ run: CliRun; api: string }> {
  const dir = tempDir('smsgw-prometheus-');
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: smsgw\n    static_configs:\n      - targets: ['127.0.0.1:${targetPort}']\n`,
  );
  let port = await freePort();
  while (port === targetPort) port = await freePort();
  const run = startProcess(binary, [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const api = `http://127.0.0.1:${port}`;
  await eventually('Prometheus ready', async () => ((await fetch(`${api}/-/ready`)).ok ? true : null));
  return { run, api };
}

interface Vector {
  readonly status: string;
  readonly data: {
    readonly result: ReadonlyArray<{ readonly metric: Record<string, string>; readonly value: [number, string] }>;
  };
}

/** One instant query through Prometheus's HTTP API; the values of its series. */
async function query(api: string, promql: string): Promise<Vector['data']['result']> {
  const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as Vector;
  if (body.status !== 'success') throw new Error(`${promql}: ${JSON.stringify(body)}`);
  return body.data.result;
}

/**
 * The last value Prometheus scraped of `metric`: once the run's endpoint closes, the next scrape
 * fails and Prometheus marks its series stale, so a plain instant query finds nothing.
 */
async function lastScraped(api: string, metric: string): Promise<number> {
  const result = await query(api, `last_over_time(${metric}[15m])`);
  if (result.length !== 1) throw new Error(`${metric}: ${result.length} series, expected 1: ${JSON.stringify(result)}`);
  return Number(result[0]!.value[1]);
}

/** `promtool check metrics` on `text`: its complaints, empty when it has none. */
async function promtoolComplaints(promtool: string, text: string): Promise<string> {
  const dir = tempDir('smsgw-promtool-');
  const file = join(dir, 'metrics.txt');
  writeFileSync(file, text);
  const check = startProcess('sh', ['-c', `"${promtool}" check metrics < "${file}"`]);
  const result = await check.done;
  return result.code === 0 ? '' : `exit ${result.code}: ${result.stdout}${result.stderr}`;
}

const soak = `name: prometheus-soak
description: a short soak for a real Prometheus to scrape
load:
  - soak: { rate: 10/s, for: 12s }
server:
  faults:
    - { status: 503, rate: 10% }
expect:
  lost: 0
  duplicates: 0
`;

describeWithTools(['prometheus', 'promtool'], 'a real Prometheus scraping smsgw', ({ prometheus, promtool }) => {
  it(
    "scrapes the run as it goes, and its last scrape of the counters equals report.json's",
    { timeout: wholeProgramTimeoutMs },
    async () => {
      const dir = tempDir();
      const metricsPort = await freePort();
      const { run: server, api } = await startPrometheus(prometheus, metricsPort);
      const tracked = trackProcesses(server.pid);
      try {
        const scenario = writeScenario(dir, 'prometheus-soak', soak);
        const reports = join(dir, 'reports');
        // The endpoint stays up after the report until Prometheus has scraped the final figures once.
        const smsgw = startCli([
          'run',
          scenario,
          '--reports',
          reports,
          '--quiet',
          '--no-redact',
          '--metrics-port',
          String(metricsPort),
          '--metrics-linger',
          '2m',
        ]);
        const harness = trackProcesses(smsgw.pid);
        await smsgw.waitFor(new RegExp(`metrics for Prometheus on http://127\\.0\\.0\\.1:${metricsPort}/metrics`));
        const live = await eventually('a scrape during the load', async () => {
          const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
          return /^smsgw_run_phase\{[^}]*phase="load"\} 1$/m.test(text) ? text : null;
        });
        expect(await promtoolComplaints(promtool, live)).toBe('');
        const result = await smsgw.done;
        expect(result.code, result.stderr).toBe(0);
        expect(harness.collect()).toEqual([]);
        const { report } = onlyRunReport<RunReport>(reports);

        // The last scrape came after the report: it carries the judged figures.
        expect(await lastScraped(api, 'smsgw_run_judged')).toBe(1);
        const scrapes = await query(api, 'count_over_time(smsgw_run_judged[15m])');
        expect(Number(scrapes[0]?.value[1])).toBeGreaterThan(2);
        const duringLoad = await query(api, 'max_over_time(smsgw_run_phase{phase="load"}[15m])');
        expect(duringLoad.map((series) => series.value[1])).toEqual(['1']);

        const { counts } = report;
        expect(await lastScraped(api, 'smsgw_injected_total')).toBe(counts.sent);
        expect(await lastScraped(api, 'smsgw_acknowledged_total')).toBe(counts.injected);
        expect(await lastScraped(api, 'smsgw_delivered_total')).toBe(counts.delivered);
        expect(await lastScraped(api, 'smsgw_duplicates_total')).toBe(counts.duplicates);
        expect(await lastScraped(api, 'smsgw_lost_total')).toBe(counts.lost);
        expect(await lastScraped(api, 'smsgw_latency_seconds_count')).toBe(counts.delivered);
        expect(await lastScraped(api, 'smsgw_server_accepted_total')).toBe(report.stub['accepted']);
        expect(await lastScraped(api, 'smsgw_stub_faults_total{kind="status"}')).toBe(
          (report.stub['faults'] as { status: number }).status,
        );
        const labels = (await query(api, 'last_over_time(smsgw_acknowledged_total[15m])'))[0]!.metric;
        expect(labels).toMatchObject({
          scenario: 'prometheus-soak',
          run_id: report.runId,
          shard: '1/1',
          device: expect.stringMatching(/^virtual-/),
        });
        // The dashboard's latency query runs on what Prometheus holds.
        const p95 = await query(
          api,
          'histogram_quantile(0.95, sum by (le, device) (rate(smsgw_latency_seconds_bucket[15m])))',
        );
        expect(p95).toHaveLength(1);
      } finally {
        await server.stop();
        expect(tracked.collect()).toEqual([]);
      }
    },
  );

  it("serves a virtual device's own figures from `smsgw device --metrics-port 0`, in a format promtool accepts", async () => {
    const dir = tempDir();
    const device = startCli([
      'device',
      '--webhook',
      'http://127.0.0.1:9/webhook',
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--metrics-port',
      '0',
      '--db',
      join(dir, 'device.sqlite'),
      '--auth-token-file',
      join(dir, 'token'),
    ]);
    await device.waitFor(/smsgw device: metrics for Prometheus on (http:\/\/127\.0\.0\.1:\d+\/metrics)/);
    const url = /metrics for Prometheus on (\S+)/.exec(device.output())![1]!;
    const text = await eventually('the app up', async () => {
      const body = await (await fetch(url)).text();
      return /^smsgw_device_up\{[^}]*\} 1$/m.test(body) ? body : null;
    });
    expect(await promtoolComplaints(promtool, text)).toBe('');
    expect(text).toMatch(/^smsgw_device_queue_depth\{device="virtual-[0-9a-f]{8}"\} 0$/m);
    expect(text).toMatch(/^smsgw_device_rss_bytes\{device="virtual-[0-9a-f]{8}",process="app"\} [1-9]\d*$/m);
    expect(text).toMatch(/^smsgw_device_rss_bytes\{device="virtual-[0-9a-f]{8}",process="radio"\} [1-9]\d*$/m);
    device.child.kill('SIGTERM');
    expect((await device.done).code).toBe(0);
  });
});
