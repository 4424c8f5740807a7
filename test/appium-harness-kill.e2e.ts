// A harness SIGKILLed during `smsgw run --metrics appium` runs no teardown at all, yet nothing it
// started outlives it: the virtual device watches its parent, and Appium, chromedriver and every
// Chromium they started share a process group whose watchdog ends it once the harness is gone.
// Only the harness is killed here, never its group: a group kill would do the watchdog's work.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ProcessEntry } from './support/process-table';
import { describeWithTools } from './support/require-tool';
import { appiumProgramTimeoutMs, startCli, tempDir, type CliRun } from './support/run-cli';
import { trackProcesses, type TrackedProcesses } from './support/track-processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long the run's processes have to be gone once the harness is: a bound, not a measurement. */
const GONE_WITHIN_MS = 30_000;

/** What each process of a run is, by its command line; null for helpers such as esbuild's service. */
function role(entry: ProcessEntry, run: CliRun): string | null {
  if (entry.pid === run.pid) return 'harness';
  if (entry.args.includes('group-watchdog.mjs')) return 'watchdog';
  if (/smsgw\.js device /.test(entry.args)) return 'device';
  if (/appium\/index\.js server /.test(entry.args)) return 'appium';
  if (entry.name === 'chromedriver') return 'chromedriver';
  // Chromium's crash reporter moves to a session of its own under init, out of any group; it exits
  // by itself within about a second of Chromium's end, so it is no leak.
  if (entry.name.startsWith('chrome_crashpad')) return 'crashpad';
  if (entry.name === 'chromium') return 'chromium';
  return null;
}

function startHealthScreenRun(): CliRun {
  // wrong-dashboard: the screen never agrees with /health, so the Appium stage keeps Chromium open
  // for its whole settle time instead of closing it at the first scrape.
  return startCli([
    'run',
    'scenarios/selftest/health-screen.yaml',
    '--metrics',
    'appium',
    '--defect',
    'wrong-dashboard',
    '--reports',
    join(tempDir(), 'reports'),
    '--quiet',
  ]);
}

/** Chromium started by chromedriver: Appium also runs `chromium --version` on its own first. */
function browserUp(entries: readonly ProcessEntry[], run: CliRun): boolean {
  const drivers = new Set(entries.filter((entry) => role(entry, run) === 'chromedriver').map((entry) => entry.pid));
  return entries.some((entry) => role(entry, run) === 'chromium' && drivers.has(entry.ppid));
}

/** Polls the run's processes until `found` holds; throws if the run ends first. */
async function untilTracked(
  run: CliRun,
  processes: TrackedProcesses,
  found: (entries: ProcessEntry[]) => boolean,
  what: string,
): Promise<ProcessEntry[]> {
  for (;;) {
    const entries = processes.collect();
    if (found(entries)) return entries;
    if (run.child.exitCode !== null || run.child.signalCode !== null)
      throw new Error(`smsgw ended before ${what} ran under it:\n${run.output().slice(-3000)}`);
    await sleep(100);
  }
}

/** Polls until none of the run's processes but crash reporters runs, for at most GONE_WITHIN_MS; returns those left, described. */
async function leftBehind(run: CliRun, processes: TrackedProcesses): Promise<string[]> {
  const left = () => processes.collect().filter((entry) => role(entry, run) !== 'crashpad');
  const deadline = Date.now() + GONE_WITHIN_MS;
  while (left().length > 0 && Date.now() < deadline) await sleep(200);
  return left().map((entry) => `${role(entry, run) ?? entry.name} ${entry.pid}: ${entry.args.slice(0, 120)}`);
}

describeWithTools(
  ['chromium', 'chromedriver'],
  'a `smsgw run --metrics appium` whose harness is SIGKILLed mid-scrape',
  () => {
    it(
      'leaves no Appium, chromedriver, Chromium or device running once the harness is gone',
      async () => {
        const run = startHealthScreenRun();
        const processes = trackProcesses(run.pid);
        try {
          const tree = await untilTracked(
            run,
            processes,
            (entries) => browserUp(entries, run),
            'a Chromium of chromedriver',
          );
          expect([...new Set(tree.map((entry) => role(entry, run)))]).toEqual(
            expect.arrayContaining(['harness', 'device', 'appium', 'chromedriver', 'chromium']),
          );

          process.kill(run.pid, 'SIGKILL'); // the harness alone: no teardown, no signal to its group

          expect(await leftBehind(run, processes)).toEqual([]);
        } finally {
          processes.kill();
        }
      },
      appiumProgramTimeoutMs,
    );
  },
);

describeWithTools(['chromium', 'chromedriver'], 'a `smsgw run --metrics appium` that ends by itself', () => {
  it(
    'leaves no Appium, chromedriver, Chromium or device running after it exits',
    async () => {
      const run = startHealthScreenRun();
      const processes = trackProcesses(run.pid);
      try {
        let seen = new Set<string | null>();
        let exited = false;
        void run.done.then(() => (exited = true));
        // Followed all along: Chromium and its driver come and go within the run.
        while (!exited) {
          for (const entry of processes.collect()) seen.add(role(entry, run));
          await sleep(100);
        }
        seen = new Set([...seen].filter((name) => name !== null));
        expect([...seen]).toEqual(expect.arrayContaining(['device', 'watchdog', 'appium', 'chromedriver', 'chromium']));

        expect(await leftBehind(run, processes)).toEqual([]);
      } finally {
        processes.kill();
      }
    },
    appiumProgramTimeoutMs,
  );
});
