// smsgw as a QA team adds it to its own repository: this repository packed by `npm pack`, the
// tarball installed into an empty project (its dependencies from the registry, or npm's cache), and
// the installed `smsgw` run there on a scenario the package ships. The project has no sources, no
// tsx, no Appium: only what the package brings, so this is the first place a file missing from
// `files` or a dependency that is only a devDependency shows.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { runProcess, startProcess, tempDir, wholeProgramTimeoutMs, type CliResult } from './support/run-cli';
import { trackProcesses } from './support/track-processes';

/** Packing builds dist/ and the web screen; installing compiles better-sqlite3 where no prebuilt binary can be fetched. */
const installTimeoutMs = 15 * 60_000;
/** The packages `npm i -D smsgw` may bring at most: react-native, Appium and webdriverio are not among them. */
const packageBudget = 250;

/** npm's own variables of the `npm test` that runs this file would point the nested npm at this repository. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

interface PackedFile {
  readonly path: string;
}

let work: string;
let project: string;
let packed: readonly string[];

/** Runs the installed `smsgw` in the project, as `npx smsgw` would, and checks it left no process behind. */
async function installedSmsgw(args: readonly string[]): Promise<CliResult> {
  const run = startProcess(process.execPath, [join(project, 'node_modules', '.bin', 'smsgw'), ...args], {
    cwd: project,
    env: cleanEnv(),
  });
  const tracked = trackProcesses(run.pid);
  const timer = setInterval(() => tracked.collect(), 200);
  try {
    return await run.done;
  } finally {
    clearInterval(timer);
    expect(tracked.collect().map((entry) => entry.args)).toEqual([]);
  }
}

beforeAll(async () => {
  work = tempDir('smsgw-pack-');
  project = join(work, 'qa-project');
  const [pack] = JSON.parse(
    await runProcess('npm', ['pack', '--json', '--pack-destination', work], { env: cleanEnv() }),
  ) as [{ filename: string; files: PackedFile[] }];
  packed = pack.files.map((file) => file.path);
  await runProcess('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'qa-project', version: '1.0.0', private: true }));
  await runProcess(
    'npm',
    ['install', '--save-dev', join(work, pack.filename), '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: project, env: cleanEnv() },
  );
}, installTimeoutMs);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the build, the scenarios and the schemas, and no sources, tests or app', () => {
    expect(packed).toContain('bin/smsgw.js');
    expect(packed).toContain('dist/cli.js');
    expect(packed).toContain('dist/stub-worker.js');
    expect(packed).toContain('dist/group-watchdog.mjs');
    expect(packed).toContain('dist/web/index.html');
    expect(packed).toContain('scenarios/burst-100.yaml');
    // TypeScript only as an example a user copies (scenarios/examples/handlers.ts), never as code smsgw runs.
    const sources = packed.filter((path) => /^(src|test|android-app|scripts)\//.test(path));
    const typeScript = packed.filter((path) => path.endsWith('.ts') && !path.startsWith('scenarios/examples/'));
    expect([...sources, ...typeScript]).toEqual([]);
  });

  it(`installs fewer than ${packageBudget} packages, none of them react-native, Appium, webdriverio or tsx`, async () => {
    const tree = await runProcess('npm', ['ls', '--all', '--parseable'], { cwd: project, env: cleanEnv() });
    const installed = new Set(tree.split('\n').filter((line) => line.includes('node_modules')));
    process.stdout.write(`npm i -D smsgw installed ${installed.size} packages\n`);
    expect(installed.size).toBeLessThan(packageBudget);
    const names = [...installed].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    for (const heavy of ['react-native', 'appium', 'webdriverio', 'tsx', 'appium-adb'])
      expect(names).not.toContain(heavy);
  });

  it('answers --version with the version of its package.json', async () => {
    const result = await installedSmsgw(['--version']);
    expect(result.stdout.trim()).toBe(packageJson.version);
  });

  it(
    'runs a shipped scenario to a report with nothing lost',
    async () => {
      const reports = join(project, 'reports');
      const result = await installedSmsgw([
        'run',
        'node_modules/smsgw/scenarios/burst-100.yaml',
        '--reports',
        reports,
        '--quiet',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const reportLine = /report: (\S+report\.json)/.exec(result.stdout);
      expect(reportLine, result.stdout).not.toBeNull();
      const report = JSON.parse(readFileSync(resolve(project, reportLine![1]!), 'utf8')) as {
        status: string;
        counts: { planned: number; delivered: number; lost: number; duplicates: number };
      };
      expect(report.status).toBe('passed');
      expect(report.counts).toMatchObject({ planned: 100, delivered: 100, lost: 0, duplicates: 0 });
    },
    wholeProgramTimeoutMs,
  );

  it(
    'serves the web Health screen it ships from `smsgw device`, with no react-native installed',
    async () => {
      const device = startProcess(
        process.execPath,
        [
          join(project, 'node_modules', '.bin', 'smsgw'),
          'device',
          '--webhook',
          'http://127.0.0.1:9/webhook',
          '--db',
          join(project, 'device.sqlite'),
        ],
        { cwd: project, env: cleanEnv() },
      );
      await device.waitFor(/Health screen on http:\/\/127\.0\.0\.1:(\d+)\/\n/);
      expect(device.output()).not.toContain('its build is');
      const url = /Health screen on (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(device.output())![1]!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="([^"]+\.js)"/.exec(html);
      expect(script, html).not.toBeNull();
      expect((await fetch(new URL(script![1]!, url))).status).toBe(200);
      const tracked = trackProcesses(device.pid);
      await device.stop();
      expect(tracked.collect()).toEqual([]);
    },
    wholeProgramTimeoutMs,
  );

  it(
    'says how to install Appium when a run asks for Health screen metrics, before anything starts',
    async () => {
      const result = await installedSmsgw([
        'run',
        'node_modules/smsgw/scenarios/burst-100.yaml',
        '--metrics',
        'appium',
        '--reports',
        join(project, 'appium-reports'),
        '--quiet',
      ]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('npm i -D appium@');
      expect(result.stderr).toContain('appium-chromium-driver@');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).not.toContain('sent');
    },
    wholeProgramTimeoutMs,
  );
});
