// What a test leaves running when it ends before the CLI it started (a timeout, a failed assertion):
// nothing. test/support starts the CLI in a process group of its own and, after the test, stops that
// group and every descendant: the harness (and its stub), the device, Appium, chromedriver, Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processGroup, processTree, stillRunning, type ProcessEntry } from './support/process-table';
import { describeWithTools } from './support/require-tool';
import { appiumProgramTimeoutMs, startCli, tempDir, wholeProgramTimeoutMs, type CliRun } from './support/run-cli';
import { runFixture } from './support/run-fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What each process of a run is, by its command line; null for helpers such as esbuild's service. */
function role(entry: ProcessEntry, run: CliRun): string | null {
  if (entry.pid === run.pid) return 'harness';
  if (/smsgw\.js device /.test(entry.args)) return 'device';
  if (/appium\/index\.js server /.test(entry.args)) return 'appium';
  if (entry.name === 'chromedriver') return 'chromedriver';
  if (entry.name === 'chromium') return 'chromium';
  return null;
}

/** Polls the run's process tree until `found` holds; throws if the run ends first. */
async function untilTree(run: CliRun, found: (tree: ProcessEntry[]) => boolean, what: string): Promise<ProcessEntry[]> {
  for (;;) {
    const tree = processTree(run.pid);
    if (found(tree)) return tree;
    if (run.child.exitCode !== null || run.child.signalCode !== null)
      throw new Error(`smsgw ended before ${what} ran under it:\n${run.output().slice(-3000)}`);
    await sleep(100);
  }
}

describeWithTools(['chromium', 'chromedriver'], 'a `smsgw run --metrics appium` stopped mid-scrape', () => {
  it(
    'leaves no Chromium, chromedriver, Appium, device or harness behind when stopped the way a timed-out test is',
    async () => {
      const dir = tempDir();
      // wrong-dashboard: the screen never agrees with /health, so the Appium stage keeps Chromium open
      // for its whole settle time instead of closing it at the first scrape.
      const run = startCli([
        'run',
        'scenarios/selftest/health-screen.yaml',
        '--metrics',
        'appium',
        '--defect',
        'wrong-dashboard',
        '--reports',
        join(dir, 'reports'),
        '--quiet',
      ]);
      // Chromium started by chromedriver: Appium also runs `chromium --version` on its own first.
      const browserUp = (entries: ProcessEntry[]): boolean => {
        const drivers = new Set(
          entries.filter((entry) => role(entry, run) === 'chromedriver').map((entry) => entry.pid),
        );
        return entries.some((entry) => role(entry, run) === 'chromium' && drivers.has(entry.ppid));
      };
      const tree = await untilTree(run, browserUp, 'a Chromium of chromedriver');
      expect(new Set(tree.map((entry) => role(entry, run)).filter((name) => name !== null))).toEqual(
        new Set(['harness', 'device', 'appium', 'chromedriver', 'chromium']),
      );

      await run.stop(); // what the support's afterEach does after a test that timed out

      expect(stillRunning(tree)).toEqual([]);
      expect(processGroup(run.pid)).toEqual([]);
    },
    appiumProgramTimeoutMs,
  );
});

describe('a test that times out with `smsgw run` still loading', () => {
  it(
    'leaves none of the run’s processes running when the next test starts',
    async () => {
      const treeFile = join(tempDir(), 'tree.json');
      const { output } = await runFixture('cli-outlives-its-test', { SMSGW_TREE_FILE: treeFile });
      expect(output).toMatch(/× .*times out with the run still loading/);
      expect(output).toContain('Test timed out in 100ms');
      expect(output).toMatch(/✓ .*finds none of its processes running when the next test starts/);
      expect(output).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
      const tree = JSON.parse(readFileSync(treeFile, 'utf8')) as ProcessEntry[];
      expect(tree.map((entry) => entry.args)).toEqual(
        expect.arrayContaining([expect.stringMatching(/smsgw\.js device /)]),
      );
      expect(stillRunning(tree)).toEqual([]);
    },
    wholeProgramTimeoutMs,
  );
});
