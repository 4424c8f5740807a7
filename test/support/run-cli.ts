// Runs the real `smsgw` binary in a child process, as a user would, and collects what it printed.
// Each child leads a process group of its own, and whatever a test leaves running (a timeout, a
// failed assertion, a child it never stopped) is stopped with its whole tree after that test, so
// no Appium, Chromium, device or stub outlives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { readProcess } from './process-table';
import { stopProcessGroup } from './stop-process-group';

export const smsgwBin = fileURLToPath(new URL('../../bin/smsgw.js', import.meta.url));

/** For tests that run the whole program: a busy 2-core CI box runs it many times slower than a laptop. */
export const wholeProgramTimeoutMs = 5 * 60_000;
/** For whole runs that also start Appium and headless Chromium, once or twice. */
export const appiumProgramTimeoutMs = 10 * 60_000;

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  readonly child: ChildProcess;
  /** The child's pid, which is also its process group's id. */
  readonly pid: number;
  readonly done: Promise<CliResult>;
  /** Resolves once stderr or stdout has printed text matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Everything printed so far, stdout then stderr. */
  output(): string;
  /**
   * Stops the child's process group and everything the child started, SIGTERM then SIGKILL, and
   * resolves once none of it runs: what happens after a test that left the child running.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The child's whole environment; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** `pipe` to write to the child's stdin (key presses); default `ignore`. */
  readonly stdin?: 'ignore' | 'pipe';
  /** The child's working folder; default this process's. */
  readonly cwd?: string;
}

// Children started by the running test, and those started outside any test (beforeAll), which
// live until the end of the file.
let inTest = false;
const byTest = new Set<CliRun>();
const byFile = new Set<CliRun>();

const stopAll = async (runs: Set<CliRun>): Promise<void> => {
  const stopping = [...runs].map((run) => run.stop());
  runs.clear();
  await Promise.all(stopping);
};

beforeEach(() => {
  inTest = true;
});
// Registered before the test file's own hooks, so it runs after them (vitest runs after-hooks in
// reverse): a file that stops its own child first still gets whatever that child left behind.
afterEach(async () => {
  inTest = false;
  await stopAll(byTest);
});
afterAll(() => stopAll(byFile));
// Should the test process itself end first (vitest gave up on a hook), no group outlives it.
process.on('exit', () => {
  for (const run of [...byTest, ...byFile]) {
    if (run.pid <= 0) continue;
    try {
      process.kill(-run.pid, 'SIGKILL');
    } catch {
      // the group is already empty
    }
  }
});

/** Starts any command as a test's child, in its own process group; see `startCli`. */
export function startProcess(command: string, args: readonly string[], options: StartOptions = {}): CliRun {
  // detached: the child calls setsid(), so it leads a new process group that its children join.
  const child = spawn(command, [...args], {
    env: options.env ?? process.env,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const label = command === process.execPath && args[0] === smsgwBin ? 'smsgw' : command;
  // 0 when the command could not start ('error' says why, and 'close' follows): no group to stop.
  const pid = child.pid ?? 0;
  const leaderStartTicks = pid > 0 ? readProcess(pid)?.startTicks : undefined;
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stdout) || waiter.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  child.on('error', (error) => (stderr += `could not start ${label}: ${error.message}\n`));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const run: CliRun = {
    child,
    pid,
    done,
    output: () => `${stdout}${stderr}`,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void done.then(() => reject(new Error(`${label} exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
      }),
    stop: async () => (pid > 0 ? stopProcessGroup(pid, { leaderStartTicks }) : undefined),
  };
  (inTest ? byTest : byFile).add(run);
  return run;
}

/** Runs `command` to its end as a test's child and returns its stdout; throws, with its stderr, unless it exits 0. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): Promise<string> {
  const result = await startProcess(command, args, options).done;
  if (result.code !== 0)
    throw new Error(`${command} exited with ${result.code ?? result.signal}:\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  return startProcess(process.execPath, [smsgwBin, ...args], { env: { ...process.env, ...env } });
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startCli(args, env).done;
}

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'smsgw-test-'): string {
  return mkdtempSync(join(os.tmpdir(), prefix));
}

/** Writes a scenario file into `dir` and returns its path. */
export function writeScenario(dir: string, name: string, yaml: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

/** The one run folder a `--reports` folder holds, and its report.json as `Report`; throws unless there is exactly one. */
export function onlyRunReport<Report>(reportsDir: string): { dir: string; report: Report } {
  const runs = readdirSync(reportsDir);
  if (runs.length !== 1) throw new Error(`expected one run folder in ${reportsDir}, found ${runs.length}`);
  const dir = join(reportsDir, runs[0]!);
  return { dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
}
