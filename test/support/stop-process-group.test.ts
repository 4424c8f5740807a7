import { describe, expect, it } from 'vitest';
import { processGroup, readProcess } from './process-table';
import { startProcess } from './run-cli';
import { stopProcessGroup } from './stop-process-group';

describe('stopProcessGroup', () => {
  it('kills a group that ignores SIGTERM once the grace is over', async () => {
    // An ignored signal stays ignored across fork and exec: neither sh nor its sleep will stop on TERM.
    const run = startProcess('sh', ['-c', "trap '' TERM; sleep 300 & echo started; wait"]);
    await run.waitFor(/started/);
    expect(processGroup(run.pid).length).toBe(2);
    await stopProcessGroup(run.pid, { graceMs: 300 });
    expect(processGroup(run.pid)).toEqual([]);
    expect((await run.done).signal).toBe('SIGKILL');
  });

  it('also stops a descendant that moved to a session of its own, as `script` does with its command', async () => {
    const escape = `const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
console.log('escaped ' + child.pid);
setInterval(() => {}, 1000);`;
    const run = startProcess(process.execPath, ['-e', escape]);
    await run.waitFor(/escaped \d+/);
    const escaped = Number(/escaped (\d+)/.exec(run.output())?.[1]);
    expect(readProcess(escaped)).toMatchObject({ ppid: run.pid, pgid: escaped });
    await run.stop();
    expect(readProcess(escaped)).toBeNull();
    expect(processGroup(run.pid)).toEqual([]);
  });

  it('leaves alone a process that now has the leader’s pid but another start time', async () => {
    const run = startProcess('sleep', ['300']);
    const other = readProcess(run.pid)!;
    await stopProcessGroup(run.pid, { leaderStartTicks: other.startTicks - 1, graceMs: 100 });
    expect(readProcess(run.pid)?.startTicks).toBe(other.startTicks);
    await run.stop();
    expect(readProcess(run.pid)).toBeNull();
  });

  it('refuses pids that would signal every process or this one’s own group', async () => {
    await expect(stopProcessGroup(0)).rejects.toThrow(/not a process group leader/);
    await expect(stopProcessGroup(1)).rejects.toThrow(/not a process group leader/);
  });
});
