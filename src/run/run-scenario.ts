// The orchestrator: a run is a chain of phases (open, start, load, drain, teardown, report), each in
// its own file. Every exit path (pass, fail, error, Ctrl-C) tears everything down and leaves a
// report behind.
import type { Scenario } from '../scenario/index';
import { openRun } from './open-run';
import { startRun } from './start-run';
import { runLoad } from './load-phase';
import { drain } from './drain';
import { conclude, reportRun } from './report-run';
import type { RunContext } from './run-context';
import { showJudged, showRunOpened } from './live-metrics';
import type { RunOptions, RunOutcome } from './run-options';

export type { RunOptions, RunOutcome } from './run-options';

/**
 * Start, load, drain. Whatever ends them (their end, Ctrl-C, an error), what drives the run is torn
 * down before the report is written, and the error is kept for it.
 */
async function driveRun(run: RunContext): Promise<void> {
  try {
    const started = await startRun(run);
    const loaded = await runLoad(run, started);
    await drain(run, loaded);
    loaded.sampler.endOfRun();
    await loaded.sampler.sampleNow();
  } catch (error) {
    run.trouble.caught(error);
  } finally {
    run.soFar.phase = 'teardown';
    await run.machinery.runAll();
  }
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const run = await openRun(scenario, options);
  showRunOpened(run);
  await driveRun(run);
  const reported = await reportRun(run);
  // Shown whatever `conclude` makes of it: a scraper reads the report's own figures.
  showJudged(run, reported.report, reported.latenciesMs);
  return conclude(run, reported);
}
