import { describe, expect, it } from 'vitest';
import { descendantsOf, parseStat, processGroup, readProcess, readProcessTable } from './process-table';
import { startProcess } from './run-cli';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the process table until `found` holds; throws after `timeoutMs`. */
async function until(found: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!found()) {
    if (Date.now() > deadline) throw new Error('the process table never showed what was expected');
    await sleep(50);
  }
}

describe('parseStat', () => {
  it('reads the fields after a name that holds spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime …
    const line = '4242 (a (b) c)) S 17 4200 4100 0 -1 4194560 10 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100';
    expect(parseStat(line, 'node app.js')).toEqual({
      pid: 4242,
      name: 'a (b) c)',
      state: 'S',
      ppid: 17,
      pgid: 4200,
      sid: 4100,
      startTicks: 987654,
      args: 'node app.js',
    });
  });
});

describe('readProcessTable', () => {
  it('shows this process under its parent, with its command line', () => {
    const self = readProcessTable().find((entry) => entry.pid === process.pid);
    expect(self).toMatchObject({ ppid: process.ppid, state: expect.stringMatching(/^[RS]$/) });
    expect(self?.args).toContain(process.argv[1] ?? 'node');
    expect(readProcess(process.pid)?.startTicks).toBe(self?.startTicks);
  });

  it('finds a grandchild among the descendants, and both in the child’s own process group', async () => {
    const run = startProcess('sh', ['-c', 'sleep 300 & wait']);
    await until(() => descendantsOf(run.pid).some((entry) => entry.name === 'sleep'));
    const sleeper = descendantsOf(run.pid).find((entry) => entry.name === 'sleep');
    expect(sleeper).toMatchObject({ ppid: run.pid, pgid: run.pid, args: 'sleep 300' });
    expect(
      processGroup(run.pid)
        .map((entry) => entry.pid)
        .sort(),
    ).toEqual([run.pid, sleeper?.pid].sort());
    await run.stop();
    expect(processGroup(run.pid)).toEqual([]);
  });
});
