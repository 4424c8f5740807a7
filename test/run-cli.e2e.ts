// `smsgw run` end to end, as a user runs it: real child processes, real TCP console, real HTTP, real SQLite.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parse as readJunit, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { readProcessTable } from './support/process-table';
import { expectValidReport } from './support/report-schema';
import { describeWithTools } from './support/require-tool';
import {
  appiumProgramTimeoutMs,
  onlyRunReport,
  runCli,
  startCli,
  tempDir,
  wholeProgramTimeoutMs,
  writeScenario,
} from './support/run-cli';
import type { RunReport } from '../src/report/run-report';
import { VERSION } from '../src/version';

const quickBurst = (name: string, count: number, over = '1s'): string => `name: ${name}
load:
  - burst: { count: ${count}, over: ${over} }
expect:
  lost: 0
  duplicates: 0
  success_rate: ">= 100%"
`;

const onlyReport = (reportsDir: string) => onlyRunReport<RunReport>(reportsDir);

describe('smsgw run', { timeout: wholeProgramTimeoutMs }, () => {
  it('runs the acceptance scenario burst-100 to a pass with every report file', async () => {
    const reports = tempDir();
    const result = await runCli(['run', 'scenarios/burst-100.yaml', '--reports', reports, '--no-redact']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/lost\s+0\s+0\s+PASS/);
    const { dir, report } = onlyReport(reports);
    expect(report.status).toBe('passed');
    expect(report.counts).toMatchObject({ planned: 100, injected: 100, delivered: 100, lost: 0, duplicates: 0 });
    expect(report.verdicts.map((verdict) => verdict.name)).toEqual([
      'lost',
      'duplicates',
      'refused',
      'unanswered',
      'gave_up',
      'success_rate',
      'p95_latency',
      'device_rss',
      'drained_within',
      'content_intact',
    ]);
    expect(report.counts).toMatchObject({ sent: 100, refused: 0, unanswered: 0, repeats: 0 });
    expectValidReport(report);
    const sha256 = createHash('sha256').update(readFileSync('scenarios/burst-100.yaml')).digest('hex');
    expect(report).toMatchObject({ smsgwVersion: VERSION, seed: 1, scenario: { sha256 } });
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testcase classname="smsgw.burst-100" name="lost"');
    const suite = ((await readJunit(junit)) as TestSuites).testsuite?.[0];
    expect(suite).toMatchObject({ tests: 10, failures: 0, errors: 0, skipped: 0, hostname: os.hostname() });
    expect(suite?.properties).toEqual(expect.arrayContaining([{ name: 'scenarioSha256', value: sha256 }]));
    expect(suite?.['system-out']?.[0]).toMatch(/^burst-100: PASSED — injected 100, delivered 100, lost 0/m);
    const trace = readFileSync(join(dir, 'trace.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { messageId: string | null });
    expect(trace).toHaveLength(100);
    expect(trace.every((line) => typeof line.messageId === 'string')).toBe(true);
  });

  it('fails the `lost` verdict with exit 1 when the device drops SMS it acknowledged', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'drop', quickBurst('planted-drop', 200));
    const result = await runCli(['run', scenario, '--reports', join(dir, 'reports'), '--defect', 'drop:5%', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/lost\s+0\s+[1-9]\d*\s+FAIL/);
    const { report } = onlyReport(join(dir, 'reports'));
    expect(report.counts.lost).toBeGreaterThan(0);
    expect(report.counts.lost).toBe(report.counts.injected - report.counts.delivered);
    expect(report.verdicts.find((verdict) => verdict.name === 'duplicates')?.passed).toBe(true);
    expect(report.lostSamples.length).toBe(report.counts.lost);
    expect(report.defects).toEqual(['drop:5%']);
    expectValidReport(report);
  });

  it('fails the `duplicates` verdict with exit 1 when the device stores an SMS twice', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'dup', quickBurst('planted-duplicate', 200));
    const result = await runCli([
      'run',
      scenario,
      '--reports',
      join(dir, 'reports'),
      '--defect',
      'duplicate:5%',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.stdout) as [RunReport];
    expect(report.counts.duplicates).toBeGreaterThan(0);
    expect(report.verdicts.find((verdict) => verdict.name === 'duplicates')).toMatchObject({ passed: false });
    expect(report.verdicts.find((verdict) => verdict.name === 'lost')).toMatchObject({ passed: true });
  });

  it('delivers hostile texts and senders byte for byte, signed, and --redact keeps every number and text out of the run folder', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'hostile',
      `name: hostile
load:
  - burst: { count: 60, over: 1s }
messages: { senders: 5, text: hostile }
expect:
  content_intact: true
  signatures_valid: true
`,
    );
    const result = await runCli(['run', scenario, '--reports', join(dir, 'reports'), '--redact', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as [RunReport];
    expect(report.counts).toMatchObject({ injected: 60, delivered: 60, lost: 0, duplicates: 0, corrupted: 0 });
    expect(report.verdicts.filter((verdict) => !verdict.passed)).toEqual([]);
    expect(report.redacted).toBe(true);
    const { dir: runDir } = onlyReport(join(dir, 'reports'));
    const files = readdirSync(runDir);
    expect(files.filter((file) => file.includes('.sqlite'))).toEqual([]);
    const trace = readFileSync(join(runDir, 'trace.jsonl'), 'utf8');
    expect(trace).toMatch(/"text":"sha256:[0-9a-f]{16} \(\d+ chars\)"/);
    for (const file of files) {
      const content = readFileSync(join(runDir, file), 'utf8');
      expect(content, file).not.toMatch(/\+1555\d{7}/);
      expect(content, file).not.toContain('DROP TABLE');
      expect(content, file).not.toContain('smsgw-test-secret');
    }
  });

  it('names all three mistakes of a bad scenario with line and column, and exits 2', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'bad',
      'name: Bad Name\nload:\n  - burst: { count: -5, over: 10s }\nexpect:\n  lost: 0\n  duplicats: 0\n',
    );
    const result = await runCli(['run', scenario, '--reports', join(dir, 'reports')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('3 problems');
    expect(result.stderr).toMatch(/bad\.yaml:1:7 /);
    expect(result.stderr).toMatch(/bad\.yaml:3:21 /);
    expect(result.stderr).toMatch(/bad\.yaml:6:3 .*duplicates/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('checks every scenario before running any, and lists every mistake of every file, one block each, with exit 2', async () => {
    const dir = tempDir();
    const ok = writeScenario(dir, 'ok', quickBurst('runs-first', 10));
    const broken = writeScenario(dir, 'broken', 'name: Broken\nload:\n  - burst: { count: 0, over: 1s }\n');
    const alsoBroken = writeScenario(
      dir,
      'also-broken',
      'name: also-broken\nload:\n  - burst: { count: 5, ovr: 1s }\n',
    );
    const reports = join(dir, 'reports');
    const result = await runCli(['run', ok, broken, alsoBroken, '--reports', reports, '--no-dashboard']);
    expect(result.code, result.stderr).toBe(2);
    // Nothing ran: no description line of the good scenario, no run folder.
    expect(result.stderr).not.toContain('runs-first —');
    expect(existsSync(reports) ? readdirSync(reports) : []).toEqual([]);
    expect(result.stderr).toMatch(/2 of 3 scenario files have mistakes/);
    const lines = result.stderr.split('\n');
    const blockOf = (file: string): string[] => {
      const start = lines.findIndex((line) => line.startsWith(`  ${file}: `));
      expect(start, result.stderr).toBeGreaterThanOrEqual(0);
      const end = lines.findIndex((line, index) => index > start && !line.startsWith('    '));
      return lines.slice(start + 1, end);
    };
    expect(blockOf(broken)).toEqual([
      expect.stringMatching(/broken\.yaml:1:7 /),
      expect.stringMatching(/broken\.yaml:3:21 /),
    ]);
    expect(blockOf(alsoBroken)).toEqual([
      expect.stringMatching(/also-broken\.yaml:3:12 .*over/),
      expect.stringMatching(/also-broken\.yaml:3:24 .*ovr/),
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with a clear message for a scenario file that does not exist', async () => {
    const result = await runCli(['run', 'scenarios/no-such-file.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-file\.yaml/);
  });

  it('exits 3 when the scenario asks for a device this machine cannot provide', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'emu', `device: emulator\n${quickBurst('on-emulator', 10)}`);
    const result = await runCli(['run', scenario, '--reports', join(dir, 'reports')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/emulator/);
  });

  it('tears everything down on Ctrl-C, writes a partial report and exits 130', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'long',
      `name: interrupted\nload:\n  - constant: { rate: 20/s, for: 5m }\nexpect:\n  drained_within: 1m\n`,
    );
    const run = startCli(['run', scenario, '--reports', join(dir, 'reports'), '--seed', '4242']);
    await run.waitFor(/sent [1-9]\d*\//);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    const { dir: runDir, report } = onlyReport(join(dir, 'reports'));
    expect(report.status).toBe('interrupted');
    expectValidReport(report);
    // The seed the run used, not the file's: `--seed` replays or varies a run.
    expect(report.seed).toBe(4242);
    expect(report.counts.injected).toBeGreaterThan(0);
    expect(report.counts.injected).toBeLessThan(6000);
    // Nothing it could not know is judged: the drain never ran, lost SMS may still be on their way.
    const results = Object.fromEntries(report.verdicts.map((verdict) => [verdict.name, verdict.result]));
    expect(results).toMatchObject({ lost: 'not-judged', drained_within: 'not-judged' });
    expect(report.verdicts.some((verdict) => verdict.result === 'pass')).toBe(false);
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /name="drained_within" time="0.000">\n\s*<skipped message="not judged: the run was interrupted before it could be"\/>/,
    );
    expect(junit).toContain('failures="0"');
    expect(junit).toContain('<property name="seed" value="4242"/>');
  });
});

describe('smsgw run checkpoints', { timeout: wholeProgramTimeoutMs }, () => {
  /** Pids of processes whose command line names `text` (the device's --db lives in the run's folder). */
  const processesNaming = (text: string): number[] =>
    readProcessTable()
      .filter((entry) => entry.args.includes(text))
      .map((entry) => entry.pid);

  it('leaves a running report behind when the harness is SIGKILLed mid-soak, and its device exits too', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'soak', `name: killed-soak\nload:\n  - soak: { rate: 20/s, for: 1h }\n`);
    const reports = join(dir, 'reports');
    const run = startCli(['run', scenario, '--reports', reports, '--checkpoint-every', '1s', '--no-dashboard']);
    await run.waitFor(/sent [1-9]\d*\//);
    const runDir = join(reports, readdirSync(reports)[0] ?? '');
    // Two checkpoints' worth of load, so the last one has counts in it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(processesNaming(runDir).length).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    await run.done;
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('running');
    expectValidReport(report);
    expect(report.counts.injected).toBeGreaterThan(0);
    expect(report.counts.delivered).toBeGreaterThan(0);
    expect(readFileSync(join(runDir, 'junit.xml'), 'utf8')).toContain('smsgw.killed-soak');
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    // The orphaned device notices within its poll interval and shuts down.
    const deadline = Date.now() + 10_000;
    while (processesNaming(runDir).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processesNaming(runDir)).toEqual([]);
  });

  it('leaves a running report behind when the harness is SIGKILLed seconds into a run, long before the first checkpoint interval', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'short', `name: killed-early\nload:\n  - constant: { rate: 20/s, for: 10m }\n`);
    const reports = join(dir, 'reports');
    // The default interval (2 minutes): only the checkpoint written as the load starts can be there.
    const run = startCli(['run', scenario, '--reports', reports, '--no-dashboard']);
    await run.waitFor(/sent [1-9]\d*\//);
    const runDir = join(reports, readdirSync(reports)[0] ?? '');
    run.child.kill('SIGKILL');
    await run.done;
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('running');
    expect(report.scenario.name).toBe('killed-early');
    expectValidReport(report);
    expect(report).toMatchObject({ smsgwVersion: VERSION, seed: 1 });
    expect(report.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(runDir, 'junit.xml'), 'utf8')).toContain('smsgw.killed-early');
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    // What it injected since is in the run's injection log, which outlives the harness.
    expect(existsSync(join(runDir, 'injections.sqlite'))).toBe(true);
    const deadline = Date.now() + 10_000;
    while (processesNaming(runDir).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processesNaming(runDir)).toEqual([]);
  });

  it('stops with exit 3 and an error report when the device dies unasked, instead of loading on against nothing', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'lost', `name: lost-device\nload:\n  - soak: { rate: 20/s, for: 1h }\n`);
    const reports = join(dir, 'reports');
    const run = startCli(['run', scenario, '--reports', reports, '--no-dashboard']);
    await run.waitFor(/sent [1-9]\d*\//);
    const runDir = join(reports, readdirSync(reports)[0] ?? '');
    const [devicePid] = processesNaming(join(runDir, 'device.sqlite'));
    expect(devicePid).toBeDefined();
    process.kill(devicePid!, 'SIGKILL');
    const result = await run.done;
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/stopped \d+s into the run, unasked: its process exited with SIGKILL/);
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('error');
    expectValidReport(report);
    expect(report.counts.injected).toBeGreaterThan(0);
    expect(report.counts.injected).toBeLessThan(72_000);
  });
});

describe('smsgw run with chaos', { timeout: wholeProgramTimeoutMs }, () => {
  it('kills and restarts the device and drops its network mid-burst, and loses nothing', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'chaos',
      `name: chaos-e2e
load:
  - burst: { count: 300, over: 3s }
chaos:
  - { at: 30%, kill: device }
  - { at: 60%, network: off, for: 1s }
expect:
  lost: 0
  duplicates: 0
  drained_within: 2m
`,
    );
    const result = await runCli(['run', scenario, '--reports', join(dir, 'reports'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as [RunReport];
    expect(report.timeline.map((event) => event.event)).toEqual([
      'device killed (SIGKILL)',
      'device restarted on the same database',
      'network off for 1000 ms',
      'network on',
    ]);
    expect(report.counts.injected + report.counts.inDoubt).toBe(300);
    expect(report.counts).toMatchObject({ lost: 0, duplicates: 0, refused: 0 });
    // Messages caught mid-send by the kill wait out their 60 s lease before they are sent again.
  });
});

// Appium's Chromium driver runs Debian's chromedriver, which starts Debian's Chromium.
describeWithTools(['chromium', 'chromedriver'], 'smsgw run --metrics appium', () => {
  it(
    'scrapes the Health screen through Appium and fails dashboard_matches_server when the screen shows a wrong number',
    async () => {
      const dir = tempDir();
      const scenario = writeScenario(
        dir,
        'screen',
        `name: screen-check\nload:\n  - burst: { count: 30, over: 1s }\nexpect:\n  lost: 0\n  dashboard_matches_server: true\n`,
      );
      const honest = await runCli(['run', scenario, '--reports', join(dir, 'honest'), '--metrics', 'appium', '--json']);
      expect(honest.code, honest.stderr).toBe(0);
      expect(
        (JSON.parse(honest.stdout) as [RunReport])[0].verdicts.find(
          (verdict) => verdict.name === 'dashboard_matches_server',
        ),
      ).toMatchObject({ passed: true, value: true });

      const planted = await runCli([
        'run',
        scenario,
        '--reports',
        join(dir, 'planted'),
        '--metrics',
        'appium',
        '--defect',
        'wrong-dashboard',
        '--json',
      ]);
      expect(planted.code).toBe(1);
      const verdict = (JSON.parse(planted.stdout) as [RunReport])[0].verdicts.find(
        (item) => item.name === 'dashboard_matches_server',
      );
      expect(verdict).toMatchObject({ passed: false, value: false });
      expect(verdict?.detail).toMatch(/today-delivered: screen shows "31"/);
    },
    appiumProgramTimeoutMs,
  );
});
