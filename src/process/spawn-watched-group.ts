// Starts a command that must not outlive this process, with everything it starts (Appium starts
// chromedriver, which starts Chromium), through group-watchdog.mjs: the command leads a process
// group of its own, and the watchdog ends that group once this process asks it to or is gone, even
// by SIGKILL. The watchdog is a child of this process and holds no project code.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { packageFiles } from '../package-files';
import { processWatchdogDefaults as defaults } from './defaults';

const watchdogScript = packageFiles.groupWatchdog;

export interface WatchedGroupOptions {
  readonly cwd?: string;
  /** The command's whole environment; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** After SIGTERM, how long the command may take to exit by itself before its group is killed; default `processWatchdogDefaults.stopGraceMs`. */
  readonly stopGraceMs?: number;
}

export interface WatchedGroup {
  /**
   * The watchdog, this process's child. Its stderr carries the command's stdout and stderr; it
   * exits only once the command's whole group is gone, with the command's exit code.
   */
  readonly watchdog: ChildProcess;
  /** The command's pid, which is also its process group's id; rejects if the command could not start. */
  readonly leader: Promise<number>;
  /** Whether the watchdog, and so the command's group, is gone. */
  exited(): boolean;
  /** Ends the command (SIGTERM, then its group, then SIGKILL) and resolves once its whole group is gone. */
  stop(): Promise<void>;
}

/** Starts `command` in a process group that ends with this process; see `WatchedGroup`. */
export function spawnWatchedGroup(
  command: string,
  args: readonly string[],
  options: WatchedGroupOptions = {},
): WatchedGroup {
  const stopGraceMs = options.stopGraceMs ?? defaults.stopGraceMs;
  const timings = [
    '--parent-poll-ms',
    defaults.parentPollMs,
    '--stop-grace-ms',
    stopGraceMs,
    '--group-grace-ms',
    defaults.groupGraceMs,
    '--kill-wait-ms',
    defaults.killWaitMs,
    '--poll-ms',
    defaults.groupPollMs,
  ].map(String);
  // stdin is a pipe whose write end only this process holds (Node opens it close-on-exec): the
  // kernel closes it when this process dies, however it dies, and the watchdog reads end of file.
  // detached: the watchdog leads a group of its own, so a SIGKILL sent to this process's group
  // (a CI runner ending the job) cannot take the watchdog with it and leave the command behind.
  const watchdog = spawn(process.execPath, [watchdogScript, ...timings, '--', command, ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // Only the one `leader` line comes on stdout; the stdin pipe may break once the watchdog is gone.
  watchdog.stdin?.on('error', () => undefined);
  let leaderPid: number | undefined;
  const leader = new Promise<number>((resolve, reject) => {
    let lines = '';
    watchdog.stdout?.on('data', (chunk: Buffer) => {
      lines += chunk.toString();
      const found = /^leader (\d+)$/m.exec(lines);
      if (found) resolve((leaderPid = Number(found[1])));
    });
    watchdog.once('exit', () =>
      reject(new Error(`${command} did not start (the watchdog exited with code ${watchdog.exitCode})`)),
    );
    watchdog.once('error', reject);
  });
  // Awaited by those who need the pid; a command that never started is reported by its exit code.
  leader.catch(() => undefined);

  const exited = (): boolean => watchdog.exitCode !== null || watchdog.signalCode !== null;
  const stop = async (): Promise<void> => {
    if (exited() || watchdog.pid === undefined) return;
    const gone = once(watchdog, 'exit');
    watchdog.stdin?.end();
    // The watchdog bounds its own work; should it hang anyway, the group must not outlive this call.
    const backstop = setTimeout(
      () => {
        for (const pid of [leaderPid === undefined ? undefined : -leaderPid, watchdog.pid]) {
          try {
            if (pid !== undefined) process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      },
      stopGraceMs + defaults.groupGraceMs + 2 * defaults.killWaitMs + defaults.stopBackstopMarginMs,
    );
    await gone;
    clearTimeout(backstop);
  };
  return { watchdog, leader, exited, stop };
}
