// Stops everything a test's child process started: SIGTERM first, so a harness can tear down, then
// SIGKILL. Killing the child alone is not enough: Appium, chromedriver and Chromium, a device and
// esbuild's service all outlive their parent, parented to init.
import { descendantsOf, processGroup, readProcess, readProcessTable, type ProcessEntry } from './process-table';

export interface StopOptions {
  /** How long SIGTERM has before SIGKILL; the harness stops Appium within 5 s of its own SIGTERM. */
  readonly graceMs?: number;
  /** How long SIGKILLed processes have to be gone before this gives up and says which are left. */
  readonly killWaitMs?: number;
  /**
   * The leader's start time (`ProcessEntry.startTicks`), read when it was spawned: once the leader
   * has exited, its pid may belong to another process, and so may the group of that pid, but only
   * after every member of the old group is gone.
   */
  readonly leaderStartTicks?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the process group led by `leader` (a child spawned with `detached: true`) and every
 * descendant of the leader, also those that moved to a group of their own (`script` puts its
 * command in a new session). Resolves once none of them runs; rejects naming those that still do.
 */
export async function stopProcessGroup(leader: number, options: StopOptions = {}): Promise<void> {
  // kill(-1) signals every process this user may signal, kill(-0) this test's own group.
  if (!Number.isInteger(leader) || leader <= 1) throw new Error(`not a process group leader: ${leader}`);
  const graceMs = options.graceMs ?? 5_000;
  const killWaitMs = options.killWaitMs ?? 10_000;
  // Remembered by pid and start time: an orphan is reparented to init and no longer found as a
  // descendant, and a pid may be reused by an unrelated process once its owner has exited.
  const members = new Map<number, number>();
  const alive = (): ProcessEntry[] => {
    const running: ProcessEntry[] = [];
    for (const [pid, startTicks] of members) {
      const entry = readProcess(pid);
      if (entry?.startTicks === startTicks) running.push(entry);
    }
    return running;
  };
  const remember = (entries: readonly ProcessEntry[]): void => {
    for (const entry of entries)
      if (entry.state !== 'Z' && !members.has(entry.pid)) members.set(entry.pid, entry.startTicks);
  };
  /** Adds the group's members and the descendants of every remembered process still running. */
  const collect = (): void => {
    const table = readProcessTable();
    remember(processGroup(leader, table));
    for (const entry of alive()) remember(descendantsOf(entry.pid, table));
  };
  const signal = (name: NodeJS.Signals): void => {
    // The group first, in one call, so no member forks a child that the loop below would miss.
    if (processGroup(leader).length > 0) {
      try {
        process.kill(-leader, name);
      } catch {
        // its last member exited meanwhile
      }
    }
    for (const entry of alive()) {
      try {
        process.kill(entry.pid, name);
      } catch {
        // exited meanwhile
      }
    }
  };
  const waitUntilGone = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    for (;;) {
      collect();
      if (alive().length === 0 && processGroup(leader).length === 0) return true;
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
  };

  const now = readProcess(leader);
  if (now && options.leaderStartTicks !== undefined && now.startTicks !== options.leaderStartTicks) return; // pid reused: nothing of ours is left
  if (now) remember([now]);
  collect();
  signal('SIGTERM');
  if (await waitUntilGone(graceMs)) return;
  signal('SIGKILL');
  if (await waitUntilGone(killWaitMs)) return;
  throw new Error(
    `still running after SIGKILL: ${alive()
      .map((entry) => `${entry.pid} ${entry.args || entry.name}`)
      .join('; ')}`,
  );
}
