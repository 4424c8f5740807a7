// `--metrics-port` on `smsgw run` and `smsgw device`: GET /metrics on 127.0.0.1 for a Prometheus
// server, and `--metrics-linger`, how long a run waits at its end for the scrape of its final figures.
import type { Command } from 'commander';
import { envOption } from './option-env';
import { parsePort } from './option-parsers';
import { parseDuration } from '../units/index';
import { serveMetrics, type MetricsEndpoint } from '../metrics/prometheus-server';
import { createRunExporter, type RunExporter } from '../metrics/run-exposition';
import { deviceSelfFamilies, readDeviceFigures, type DeviceSource } from '../metrics/device-exposition';
import { renderExposition } from '../metrics/prometheus-text';

export interface MetricsPortFlags {
  readonly metricsPort?: number;
  /** Ms. */
  readonly metricsLinger: number;
}

/** `--metrics-port <n>`: what it serves is `what`. */
export function addMetricsPortOption(command: Command, what: string): Command {
  return command.addOption(
    envOption('--metrics-port <n>', `serve ${what} for Prometheus at http://127.0.0.1:<n>/metrics (0 for a free port)`)
      // Read here: a bad port is bad input (exit 2) before anything starts.
      .argParser((value: string) => parsePort('--metrics-port', value)),
  );
}

export const defaultMetricsLinger = '15s';

/** `--metrics-linger <duration>`, for `smsgw run`. */
export function addMetricsLingerOption(command: Command): Command {
  return command.addOption(
    envOption(
      '--metrics-linger <duration>',
      "with --metrics-port, keep /metrics up after each run's report until it has been scraped once more (so Prometheus has the final figures), at most this long; 0s closes at once",
    )
      .default(parseDuration(defaultMetricsLinger, '--metrics-linger'), defaultMetricsLinger)
      .argParser((value: string) => parseDuration(value, '--metrics-linger')),
  );
}

/** `smsgw run`'s endpoint: the exporter the runs show their figures to, served until `close`. */
export interface RunMetricsEndpoint {
  readonly exporter: RunExporter;
  /** A run's report is written: wait for a scraper to read it (at most `--metrics-linger`). */
  afterRun(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `smsgw run`'s endpoint, before any run, and says where it is; null without `--metrics-port`. */
export async function serveRunMetrics(flags: MetricsPortFlags): Promise<RunMetricsEndpoint | null> {
  if (flags.metricsPort === undefined) return null;
  const exporter = createRunExporter();
  const endpoint: MetricsEndpoint = await serveMetrics({ port: flags.metricsPort, render: () => exporter.render() });
  process.stderr.write(`smsgw: metrics for Prometheus on ${endpoint.url}\n`);
  return {
    exporter,
    afterRun: async () => void (await endpoint.nextScrape(flags.metricsLinger)),
    close: () => endpoint.close(),
  };
}

/**
 * `smsgw device`'s endpoint, started before the radio (a taken port is exit 3 before anything runs):
 * until `source` returns the running device, it says the device is not up.
 */
export async function serveDeviceMetrics(
  port: number,
  device: string,
  source: () => DeviceSource | null,
): Promise<MetricsEndpoint> {
  const render = async (): Promise<string> => {
    const running = source();
    const figures = running
      ? await readDeviceFigures(running)
      : { device, health: null, residentBytes: {}, peakBytes: {} };
    return renderExposition(deviceSelfFamilies(figures));
  };
  const endpoint = await serveMetrics({ port, render });
  process.stderr.write(`smsgw device: metrics for Prometheus on ${endpoint.url}\n`);
  return endpoint;
}
