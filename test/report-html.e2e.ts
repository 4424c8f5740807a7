// report.html as a reader sees it: a real run's report opened in headless Chromium, the DOM checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const scenario = `name: html-e2e
description: 120 SMS into a slow, sometimes-503 server, the network dropped once
server:
  faults:
    - { status: 503, rate: 10%, retryAfter: 1s }
    - { delay: 100ms, rate: 20% }
load:
  - burst: { count: 120, over: 3s }
chaos:
  - { at: 40%, network: off, for: 500ms }
expect:
  lost: 0
  duplicates: 0
  drained_within: 2m
`;

describeWithTools(['chromium'], 'report.html in headless Chromium', ({ chromium }) => {
  it(
    'renders the verdict rows and every chart with drawn paths, and screenshots',
    async () => {
      const dir = tempDir();
      const result = await runCli([
        'run',
        writeScenario(dir, 'html', scenario),
        '--reports',
        join(dir, 'reports'),
        '--quiet',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const runDir = join(dir, 'reports', readdirSync(join(dir, 'reports'))[0] ?? '');
      const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
      const url = `file://${join(runDir, 'report.html')}`;

      const dom = await runProcess(chromium, [...chromiumArgs(), '--dump-dom', url]);
      const rows = [...dom.matchAll(/<tr class="(pass|fail)" data-verdict="([^"]+)">/g)].map((match) => match[2]);
      expect(rows).toEqual(report.verdicts.map((verdict) => verdict.name));
      const figures = [...dom.matchAll(/<figure class="chart" id="chart-([a-z]+)">([\s\S]*?)<\/figure>/g)];
      expect(figures.map((figure) => figure[1])).toEqual([
        'queue',
        'throughput',
        'latency',
        'rss',
        'faults',
        'histogram',
      ]);
      for (const [, id, body] of figures) {
        const paths = [...(body ?? '').matchAll(/<path [^>]*\bd="([^"]*)"/g)].map((match) => match[1] ?? '');
        expect(paths.length, `chart ${id} has no path`).toBeGreaterThan(0);
        expect(
          paths.every((d) => /^M[\d.]+ [\d.]+[LMvh]/.test(d)),
          `chart ${id} has an empty path`,
        ).toBe(true);
      }
      expect(dom).toMatch(/<tr data-kind="chaos">.*network off for 500 ms/);
      expect(dom).toContain('id="environment"');

      const png = join(dir, 'report.png');
      await runProcess(chromium, [...chromiumArgs(), `--screenshot=${png}`, '--window-size=1280,2000', url]);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    },
    wholeProgramTimeoutMs,
  );
});
