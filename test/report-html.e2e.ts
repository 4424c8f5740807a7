// report.html as a reader sees it: a real run's report opened in headless Chromium, what a reader's
// eye checks asked of the page itself (the header, the bounds on the charts, the axes, the tables,
// the width), and a screenshot that shows something.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeWithTools } from './support/require-tool';
import { runCli, runProcess, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import type { RunReport } from '../src/report/run-report';

/** Headless Chromium with nothing that reaches the network or a profile outside a temp folder. */
const chromiumArgs = (): string[] => [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--user-data-dir=${tempDir('smsgw-chromium-')}`,
];

// p95_latency's bound is one no delivery can meet, so it fails and its line falls inside the
// histogram's axis (which reaches the 99th percentile); drop:5% loses SMS for the lost table.
const scenario = `name: html-e2e
description: 120 SMS into a slow, sometimes-503 server, the network dropped once
server:
  faults:
    - { status: 503, rate: 10%, retryAfter: 1s }
    - { delay: 100ms, rate: 20% }
load:
  - burst: { count: 120, over: 3s }
messages: { senders: 20, text: ascii }
chaos:
  - { at: 40%, network: off, for: 500ms }
expect:
  lost: 0
  duplicates: 0
  p95_latency: "< 1ms"
  device_rss: "< 300MB"
  drained_within: 2m
`;

interface Guide {
  readonly bound: string | null;
  readonly kind: 'bound' | 'measured';
  readonly label: string;
  /** x of its line; null when it is named in the corner, past the scale. */
  readonly x: number | null;
}

interface Probe {
  readonly width: number;
  readonly scrollWidth: number;
  readonly status: string;
  readonly header: Record<string, string>;
  readonly charts: ReadonlyArray<{ id: string; x: string[]; y: string[]; drawn: number; guides: Guide[] }>;
  readonly sections: Record<string, string>;
  readonly lost: string[][];
  /** The names in the device, stub and environment tables. */
  readonly labels: string[];
}

/** Runs in the page: what a reader checks by eye, gathered before anything is added to the page. */
const probeScript = `<script>(() => {
  const text = (element) => (element ? element.textContent.trim() : '');
  const header = {};
  for (const field of document.querySelectorAll('#run-meta [data-field]')) header[field.dataset.field] = text(field.querySelector('dd'));
  const charts = [...document.querySelectorAll('figure.chart')].map((figure) => ({
    id: figure.id,
    x: [...figure.querySelectorAll('text.tick.x')].map(text),
    y: [...figure.querySelectorAll('text.tick.y')].map(text),
    drawn: figure.querySelectorAll('path.line[d^="M"], rect.bar').length,
    guides: [...figure.querySelectorAll('g.guide')].map((guide) => ({
      bound: guide.dataset.bound || null,
      kind: guide.classList.contains('measured') ? 'measured' : 'bound',
      label: text(guide.querySelector('text')),
      x: guide.querySelector('line') ? Number(guide.querySelector('line').getAttribute('x1')) : null,
    })),
  }));
  const sections = {};
  for (const id of ['device', 'stub', 'environment', 'run-header']) sections[id] = text(document.getElementById(id));
  const lost = [...document.querySelectorAll('#lost tbody tr')].map((row) => [...row.cells].map(text));
  const labels = [...document.querySelectorAll('#device th, #stub th, #environment th')].map(text);
  const probe = {
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    status: text(document.getElementById('status')),
    header, charts, sections, lost, labels,
  };
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = encodeURIComponent(JSON.stringify(probe));
  document.body.append(out);
})();</script>`;

/** Opens a copy of `html` with the probe in it at `width` pixels and returns what the probe found. */
async function probe(chromium: string, dir: string, html: string, width: number): Promise<Probe> {
  const path = join(dir, `report.probe-${width}.html`);
  writeFileSync(path, html.replace('</body>', `${probeScript}</body>`));
  const dom = await runProcess(chromium, [
    ...chromiumArgs(),
    `--window-size=${width},2000`,
    '--dump-dom',
    `file://${path}`,
  ]);
  const found = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
  if (!found) throw new Error(`the probe wrote nothing into the page:\n${dom.slice(0, 2000)}`);
  return JSON.parse(decodeURIComponent(found)) as Probe;
}

/** A PNG's size, and how many distinct byte values its pixel rows hold: a blank page has a handful. */
function pngPixels(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  return { width, height, distinctBytes: new Set(inflateSync(Buffer.concat(idat))).size };
}

/** The number the load generator wrote into a text: `… #42`, or `GPS T42 …`. */
const numberInText = (text: string): string | undefined =>
  (/#(\d+)(?!.*#\d)/s.exec(text) ?? /^GPS T(\d+)/.exec(text))?.[1];

function expectReadableAxes(charts: Probe['charts']): void {
  expect(charts.map((chart) => chart.id)).toEqual([
    'chart-queue',
    'chart-throughput',
    'chart-latency',
    'chart-rss',
    'chart-faults',
    'chart-histogram',
  ]);
  for (const chart of charts) {
    expect(chart.drawn, `${chart.id} draws nothing`).toBeGreaterThan(0);
    for (const labels of [chart.x, chart.y]) {
      expect(labels.length, `${chart.id}: ${labels.join(' ')}`).toBeGreaterThan(1);
      expect(new Set(labels).size, `${chart.id} repeats a tick: ${labels.join(' ')}`).toBe(labels.length);
    }
  }
  const queue = charts.find((chart) => chart.id === 'chart-queue');
  expect(
    queue?.y.every((label) => /^\d+$/.test(label)),
    queue?.y.join(' '),
  ).toBe(true);
}

function expectBoundsOnCharts(charts: Probe['charts'], report: RunReport): void {
  const guides = (id: string): Guide[] => charts.find((chart) => chart.id === id)?.guides ?? [];
  const { counts, bucketMs } = report.series!.latencyHistogram;
  const p95 = guides('chart-histogram').find((guide) => guide.bound === 'p95_latency');
  expect(p95?.label).toBe('p95_latency < 1ms');
  expect(p95?.x).toBeCloseTo(56 + 490 / (counts.length * bucketMs), 0);
  expect(guides('chart-histogram').find((guide) => guide.kind === 'measured')?.label).toMatch(/^p95 \d/);
  const rss = guides('chart-rss').find((guide) => guide.bound === 'device_rss');
  expect(rss?.label).toMatch(/^device_rss < 300MB/);
  const peak = Math.max(...report.series!.points.map((point) => point.rssBytes ?? 0));
  expect(rss?.x === null, `device peak ${peak} B`).toBe(300e6 > 4 * peak);
  const drain = guides('chart-queue').find((guide) => guide.bound === 'drained_within');
  expect(drain?.label).toBe('drained_within 2m (after the end →)');
}

describeWithTools(['chromium'], 'report.html in headless Chromium', ({ chromium }) => {
  it(
    "shows what ran, the verdicts' bounds on the charts they judge, readable axes and tables, at desktop and phone width, and screenshots",
    async () => {
      const dir = tempDir();
      const reports = join(dir, 'reports');
      const result = await runCli([
        'run',
        writeScenario(dir, 'html', scenario),
        '--reports',
        reports,
        '--defect',
        'drop:5%',
        // Texts kept as sent, under CI too: the page numbers each lost SMS as its text does.
        '--no-redact',
        '--quiet',
      ]);
      expect(result.code, result.stderr).toBe(1);
      const runDir = join(reports, readdirSync(reports)[0] ?? '');
      const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
      const html = readFileSync(join(runDir, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|https?:\/\//i);

      const page = await probe(chromium, dir, html, 1280);
      expect(page.status).toBe('FAILED');
      expect(page.header.seed).toBe(String(report.seed));
      expect(page.header.version).toBe(report.smsgwVersion);
      expect(page.header.defects).toContain('drop:5%');
      expect(page.header['scenario-file']).toContain(report.scenario.file);
      expect(page.header['run-id']).toBe(report.runId);
      expect(page.header.started).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
      expect(page.header.finished).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC/);
      expectReadableAxes(page.charts);
      expectBoundsOnCharts(page.charts, report);
      for (const id of ['device', 'stub', 'environment']) expect(page.sections[id], id).not.toMatch(/[{}]|":/);
      expect(page.labels).toContain('Queue depth');
      for (const label of page.labels) expect(label, 'a name in words, not a field name').not.toMatch(/[a-z][A-Z]/);
      expect(page.lost.length).toBe(Math.min(report.lostSamples.length, 100));
      expect(page.lost.length).toBeGreaterThan(0);
      for (const [shown, index, , text] of page.lost) {
        expect(shown).toBe(`#${numberInText(text ?? '')}`);
        expect(report.lostSamples.some((sample) => String(sample.index) === index && sample.text === text)).toBe(true);
      }
      expect(page.scrollWidth).toBeLessThanOrEqual(page.width);
      // Chromium's narrowest window, about a phone's width.
      const narrow = await probe(chromium, dir, html, 500);
      expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.width);

      const png = join(dir, 'report.png');
      await runProcess(chromium, [
        ...chromiumArgs(),
        `--screenshot=${png}`,
        '--window-size=1280,2000',
        `file://${join(runDir, 'report.html')}`,
      ]);
      const shot = pngPixels(readFileSync(png));
      expect([shot.width, shot.height]).toEqual([1280, 2000]);
      expect(shot.distinctBytes).toBeGreaterThan(32);
    },
    wholeProgramTimeoutMs,
  );
});
