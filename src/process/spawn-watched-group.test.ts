// The watchdog against a dummy tree: a command (a Node script) that starts a grandchild, as Appium
// starts chromedriver and Chromium. Whatever ends the process that started it, nothing of the tree
// outlives it; and a stop asked for leaves nothing either.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readProcess, type ProcessEntry } from '../../test/support/process-table';
import { startProcess } from '../../test/support/run-cli';
import { trackProcesses, type TrackedProcesses } from '../../test/support/track-processes';
import { spawnWatchedGroup, type WatchedGroup } from './spawn-watched-group';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The watched command: starts a grandchild that runs until killed, prints its pid, and runs until
 * killed itself; with `ignore-sigterm` it shrugs SIGTERM off, and on SIGUSR2 it exits with code 3.
 */
const TREE = `
const { spawn } = require('node:child_process');
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'watched-grandchild'], { stdio: 'ignore' });
console.log('grandchild ' + grandchild.pid);
if (process.argv.includes('ignore-sigterm')) process.on('SIGTERM', () => {});
process.on('SIGUSR2', () => process.exit(3));
setInterval(() => {}, 1000);
`;

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const spawnWatchedGroupModule = pathToFileURL(fileURLToPath(new URL('./spawn-watched-group.ts', import.meta.url))).href;

/** A stand-in for the harness: a Node process that starts the tree through `spawnWatchedGroup` and lives on. */
const HARNESS = `
import { spawnWatchedGroup } from ${JSON.stringify(spawnWatchedGroupModule)};
const group = spawnWatchedGroup(process.execPath, ['-e', ${JSON.stringify(TREE)}]);
group.watchdog.stderr.pipe(process.stdout);
`;

let tracked: TrackedProcesses | null = null;
let group: WatchedGroup | null = null;
afterEach(async () => {
  tracked?.kill();
  await group?.stop();
  tracked = null;
  group = null;
});

/** What each process of the tree is, by its command line (the harness's and the watchdog's hold the command's script). */
function role(entry: ProcessEntry): string {
  if (entry.args.includes('group-watchdog.mjs')) return 'watchdog';
  if (entry.args.includes('--input-type=module')) return 'harness';
  if (entry.args.endsWith(' watched-grandchild')) return 'grandchild';
  return 'command';
}

/** Polls until every tracked process is gone, for at most `withinMs`; returns those left, described. */
async function leftAfter(processes: TrackedProcesses, withinMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  while (processes.collect().length > 0 && Date.now() < deadline) await sleep(100);
  return processes.collect().map((entry) => `${role(entry)} ${entry.pid} ${entry.args}`);
}

/** Starts the stand-in harness and waits for the whole tree under it; returns the harness's pid. */
async function harnessWithTree(): Promise<number> {
  const harness = startProcess(process.execPath, ['--import', tsxLoader, '--input-type=module', '-e', HARNESS]);
  await harness.waitFor(/grandchild \d+/);
  tracked = trackProcesses(harness.pid);
  expect(tracked.collect().map(role).sort()).toEqual(['command', 'grandchild', 'harness', 'watchdog']);
  return harness.pid;
}

describe('a command started through spawnWatchedGroup', () => {
  it('ends with its grandchild when the process that started it is SIGKILLed alone', async () => {
    const harness = await harnessWithTree();
    process.kill(harness, 'SIGKILL');
    expect(await leftAfter(tracked!)).toEqual([]);
  });

  it('ends with its grandchild when the process group of the process that started it is SIGKILLed', async () => {
    const harness = await harnessWithTree();
    process.kill(-harness, 'SIGKILL');
    expect(await leftAfter(tracked!)).toEqual([]);
  });

  it('is gone with its grandchild and the watchdog once stop() resolves, even when it ignores SIGTERM', async () => {
    group = spawnWatchedGroup(process.execPath, ['-e', TREE, 'ignore-sigterm'], { stopGraceMs: 500 });
    let output = '';
    group.watchdog.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const leader = await group.leader;
    while (!/grandchild \d+/.test(output)) await sleep(50);
    const processes = (tracked = trackProcesses(group.watchdog.pid!));
    expect(processes.collect().map(role).sort()).toEqual(['command', 'grandchild', 'watchdog']);
    expect(readProcess(leader)?.pgid).toBe(leader);

    await group.stop();

    expect(processes.collect()).toEqual([]);
    expect(group.exited()).toBe(true);
    expect(group.watchdog.exitCode).toBe(128 + 9); // SIGKILLed after its grace
  });

  it('takes its grandchild along and passes its exit code on when it exits by itself', async () => {
    group = spawnWatchedGroup(process.execPath, ['-e', TREE]);
    let output = '';
    group.watchdog.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const leader = await group.leader;
    while (!/grandchild \d+/.test(output)) await sleep(50);
    const processes = (tracked = trackProcesses(group.watchdog.pid!));
    const exited = new Promise((resolve) => group!.watchdog.once('exit', resolve));

    process.kill(leader, 'SIGUSR2');

    expect(await exited).toBe(3);
    expect(processes.collect()).toEqual([]);
  });

  it('reports a command that cannot start', async () => {
    group = spawnWatchedGroup('/nonexistent/smsgw-no-such-command', []);
    await expect(group.leader).rejects.toThrow(/did not start/);
    expect(group.watchdog.exitCode).toBe(127);
  });
});
