// `smsgw run` on a real pseudo-terminal (util-linux's `script`): the Ink dashboard draws and updates,
// `p` pauses the load, and `q` tears down, writes a partial report and exits 130.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithTools } from './support/require-tool';
import { smsgwBin, startProcess, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import type { RunReport } from '../src/report/run-report';

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Runs smsgw with a TTY for stdin and stdout; what the test writes to `keys` arrives as key presses. */
function startOnTty(script: string, args: readonly string[]) {
  const command = [process.execPath, smsgwBin, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  // script's pty starts at 0×0, where ink stops redrawing after the first frames: give it a size.
  const run = startProcess(script, ['-qfec', `stty cols 110 rows 45; ${command}`, '/dev/null'], {
    env: asPersonAtTerminal(),
    stdin: 'pipe',
  });
  const text = (): string => run.output().replace(ansi, '');
  const waitFor = async (pattern: RegExp): Promise<void> => {
    const deadline = Date.now() + 120_000;
    while (!pattern.test(text())) {
      if (run.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`smsgw never showed ${pattern}:\n${text().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { keys: run.child.stdin!, done: run.done.then((result) => result.code), waitFor, screen: text };
}

/**
 * The environment of a person at a terminal. Without this, under CI=true (as CI runs the tests) ink
 * renders only the last frame, as it should in a CI log, and the live dashboard never shows.
 */
function asPersonAtTerminal(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  for (const key of Object.keys(env))
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  return env;
}

describeWithTools(['script'], 'smsgw run on a terminal', ({ script }) => {
  it(
    'draws the dashboard, pauses on p, and on q leaves a partial report and exits 130',
    async () => {
      const dir = tempDir();
      const scenario = writeScenario(
        dir,
        'tty',
        'name: tty\ndescription: 20 SMS/s for 5 min, watched\nload:\n  - constant: { rate: 20/s, for: 5m }\n',
      );
      const run = startOnTty(script, ['run', scenario, '--reports', join(dir, 'reports')]);
      await run.waitFor(/smsgw run · 20 SMS\/s for 5 min, watched/);
      await run.waitFor(/sent [1-9]\d*\/6000/);
      expect(run.screen()).toMatch(/DEVICE HEALTHY/);
      run.keys.write('p');
      await run.waitFor(/PAUSED \(p to resume\)/);
      run.keys.write('q');
      expect(await run.done).toBe(130);
      expect(run.screen()).toContain('smsgw: stopped with q');
      const runDir = join(dir, 'reports', readdirSync(join(dir, 'reports'))[0] ?? '');
      const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
      expect(report.status).toBe('interrupted');
      expect(report.verdicts.every((verdict) => verdict.result !== 'pass')).toBe(true);
      expect(report.series?.events.map((event) => event.text)).toContain('load paused');
      for (const file of ['junit.xml', 'report.html', 'trace.jsonl'])
        expect(existsSync(join(runDir, file)), file).toBe(true);
    },
    wholeProgramTimeoutMs,
  );
});
