// docs/grafana-dashboard.json is built on the exporters' metric names: a query that names a metric
// no exporter emits (a rename, a typo) fails here instead of drawing an empty panel.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latencyHistogram, runFamilies, type RunFigures } from '../src/metrics/run-exposition';
import { deviceSelfFamilies } from '../src/metrics/device-exposition';
import type { DeviceHealth } from '../src/device/core/device';
import type { MetricFamily } from '../src/metrics/prometheus-text';
import { healthOf } from './support/metrics-kit';

const dashboardPath = fileURLToPath(new URL('../docs/grafana-dashboard.json', import.meta.url));

interface Target {
  readonly expr: string;
  readonly datasource?: { readonly type: string; readonly uid: string };
}
interface Panel {
  readonly title: string;
  readonly datasource?: { readonly type: string; readonly uid: string };
  readonly targets?: readonly Target[];
}
interface Variable {
  readonly type: string;
  readonly name: string;
  readonly query: string | { readonly query: string };
}
interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly Variable[] };
}

const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;

/** Every figure set, so every family has samples: a judged run with a trace, and a device that answered. */
const everyFigure: RunFigures = {
  identity: { scenario: 's', runId: 'r', shard: '1/1' },
  phase: 'done',
  judged: true,
  devices: [
    {
      device: 'd',
      injected: 1,
      acknowledged: 1,
      refused: 0,
      unanswered: 0,
      queueDepth: 0,
      retrying: 0,
      residentBytes: { app: 1 },
      peakRssBytes: 1,
      traced: { atMs: 0, delivered: 1, duplicates: 0, undelivered: 0, latency: latencyHistogram([1]) },
      lost: 0,
    },
  ],
  server: { accepted: 1, requests: 1, redeliveries: 0, faults: { status: 0 } },
  harnessRssBytes: 1,
};

/** The names of the series a family's samples carry: a histogram's `_bucket`, `_sum` and `_count`. */
const seriesNames = (family: MetricFamily): string[] =>
  family.kind === 'histogram'
    ? ['_bucket', '_sum', '_count'].map((suffix) => `${family.name}${suffix}`)
    : [family.name];

const health: DeviceHealth = { ...healthOf(), backlog: 0 };
const emitted = new Set(
  [
    ...runFamilies(everyFigure),
    ...deviceSelfFamilies({ device: 'd', health, residentBytes: { app: 1 }, peakBytes: { app: 1 } }),
  ].flatMap((family) => (family.samples.length > 0 ? seriesNames(family) : [])),
);

const queries = (): { where: string; text: string }[] => [
  ...dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, text: target.expr })),
  ),
  ...dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({
      where: `variable ${variable.name}`,
      text: typeof variable.query === 'string' ? variable.query : variable.query.query,
    })),
];

describe('docs/grafana-dashboard.json', () => {
  it('names only metrics the exporters emit, in every panel query and variable', () => {
    const named = queries().flatMap(({ where, text }) =>
      [...text.matchAll(/\bsmsgw_[a-zA-Z0-9_:]*/g)].map((match) => ({ where, name: match[0] })),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter(({ name }) => !emitted.has(name))).toEqual([]);
  });

  it('has the panels a soak is watched by, latency quantiles from the histogram among them', () => {
    const text = queries()
      .map((query) => query.text)
      .join('\n');
    for (const name of [
      'smsgw_acknowledged_total',
      'smsgw_delivered_total',
      'smsgw_lost_total',
      'smsgw_undelivered',
      'smsgw_duplicates_total',
      'smsgw_device_queue_depth',
      'smsgw_device_rss_bytes',
    ])
      expect(text, name).toContain(name);
    for (const quantile of ['0.5', '0.95', '0.99'])
      expect(text).toContain(`histogram_quantile(${quantile}, sum by (le, device) (rate(smsgw_latency_seconds_bucket`);
  });

  it('reads from a Prometheus picked by a datasource variable, in every panel and query', () => {
    const variable = dashboard.templating.list.find((entry) => entry.type === 'datasource');
    expect(variable).toMatchObject({ name: 'datasource', query: 'prometheus' });
    const uses = dashboard.panels.flatMap((panel) => [
      panel.datasource,
      ...(panel.targets ?? []).map((t) => t.datasource),
    ]);
    expect(uses.length).toBeGreaterThan(dashboard.panels.length);
    for (const use of uses) expect(use).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });
});
