// Follows the processes of one test's child by pid and start time, so that they are still found after
// that child has died and they were re-parented to init: what a test needs to see what a SIGKILLed
// harness left behind. Nothing of the machine's other processes (another test run's Chromium) is taken.
import { descendantsOf, processGroup, readProcess, readProcessTable, type ProcessEntry } from './process-table';

export interface TrackedProcesses {
  /**
   * Takes in the descendants of every tracked process still running and the members of the process
   * groups they lead (a child spawned with `detached: true` leads one), and returns those running.
   */
  collect(): ProcessEntry[];
  /** The tracked processes that still run: same pid and start time, not zombies. */
  alive(): ProcessEntry[];
  /** SIGKILLs every tracked process that still runs: a test's last resort, whatever it asserted. */
  kill(): void;
}

/** Starts tracking `root` (which must run now) and what runs under it. */
export function trackProcesses(root: number): TrackedProcesses {
  const tracked = new Map<number, ProcessEntry>();
  const take = (entries: readonly ProcessEntry[]): void => {
    for (const entry of entries) if (entry.state !== 'Z' && !tracked.has(entry.pid)) tracked.set(entry.pid, entry);
  };
  // Read afresh each time: a process first seen between fork and exec still showed its parent's
  // command line, and a test that tells processes apart by what they run must see what they run now.
  const alive = (): ProcessEntry[] =>
    [...tracked.values()].flatMap((entry) => {
      const now = readProcess(entry.pid);
      return now !== null && now.startTicks === entry.startTicks ? [now] : [];
    });
  const collect = (): ProcessEntry[] => {
    const table = readProcessTable();
    for (const entry of alive()) {
      take(descendantsOf(entry.pid, table));
      if (entry.pgid === entry.pid) take(processGroup(entry.pid, table));
    }
    return alive();
  };
  const rootEntry = readProcess(root);
  if (rootEntry) take([rootEntry]);
  collect();
  return {
    collect,
    alive,
    kill: () => {
      for (const entry of alive()) {
        try {
          process.kill(entry.pid, 'SIGKILL');
        } catch {
          // exited meanwhile
        }
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a run's processes have to be gone once it has exited: a bound, not a measurement. */
export const goneWithinMs = 30_000;

/**
 * Follows the tracked processes until `done` settles (a run exiting): one that starts and ends between
 * two looks is still seen. Returns every process seen, and what `done` gave.
 */
export async function followToTheEnd<T>(
  done: Promise<T>,
  processes: TrackedProcesses,
  everyMs = 200,
): Promise<{ seen: ProcessEntry[]; result: T }> {
  const seen = new Map<number, ProcessEntry>();
  let exited = false;
  void done.then(
    () => (exited = true),
    () => (exited = true),
  );
  while (!exited) {
    for (const entry of processes.collect()) seen.set(entry.pid, entry);
    await sleep(everyMs);
  }
  return { seen: [...seen.values()], result: await done };
}

/** Polls until none of the tracked processes runs, for at most `goneWithinMs`; returns those left, described. */
export async function leftBehind(processes: TrackedProcesses | readonly TrackedProcesses[]): Promise<string[]> {
  const all = Array.isArray(processes) ? processes : [processes as TrackedProcesses];
  const running = (): ProcessEntry[] => all.flatMap((tracked) => tracked.collect());
  const deadline = Date.now() + goneWithinMs;
  while (running().length > 0 && Date.now() < deadline) await sleep(200);
  return running().map((entry) => `${entry.name} ${entry.pid}: ${entry.args.slice(0, 120)}`);
}
