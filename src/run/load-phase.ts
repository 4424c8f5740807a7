// The load: the fault clock, the chaos steps and the checkpoints start with it, the first checkpoint
// is written before its first SMS, then the injector fires the schedule at the device's console.
import type { Scenario } from '../scenario/index';
import { loadPlan, type Shard } from '../load/index';
import { inject, type PlannedSms } from '../injection/injector';
import { startFleetChaos, type ChaosRun } from '../chaos/chaos';
import { summarizeRun } from '../report/summarize-run';
import { writeReport } from '../report/write-report';
import { runDefaults } from './defaults';
import { isDiskFull } from './disk-full-error';
import { startCheckpoints, type Checkpoints } from './checkpoints';
import { recordSoFar, type RunContext } from './run-context';
import { startSampling, type RunSampler } from './run-sampler';
import type { Started } from './start-run';

export interface Loaded extends Started {
  readonly sampler: RunSampler;
}

/** The scenario's SMS, or the shard's slice of them, each numbered by its position in the unsharded run. */
function planFor(scenario: Scenario, shard: Shard | undefined): Iterable<PlannedSms> {
  const { senders, text, repeats } = scenario.messages;
  // A fleet's SMS spread over its devices, each with senders of its own (message-generator.ts).
  const devices = scenario.fleet.length;
  return loadPlan({ load: scenario.load, senders, text, seed: scenario.seed, repeats, devices }, shard ?? null);
}

function startRunChaos(run: RunContext, { fleet }: Started): ChaosRun {
  const members = fleet.map(({ device, line }) => ({ device, injectorConsole: line }));
  const chaos = startFleetChaos(run.scenario.chaos, run.scenario.load, members, (step, error) =>
    run.trouble.chaosFailed(step, error),
  );
  run.soFar.chaos = chaos;
  run.stopping.signal.addEventListener('abort', () => chaos.cancel(), { once: true });
  return chaos;
}

async function writeCheckpoint(run: RunContext): Promise<void> {
  const tracedAtMs = run.sinceStart();
  const { report } = summarizeRun(recordSoFar(run, true));
  // The live view's duplicates come from this trace, the verdict's own logic, never from counters.
  run.recorder.noteTrace({ atMs: tracedAtMs, duplicates: report.counts.duplicates, lost: report.counts.lost });
  await writeReport(run.dir, report);
}

function checkpointFailed(run: RunContext, error: unknown): void {
  if (isDiskFull(error)) run.trouble.cannotRecord('a checkpoint report', error);
  else
    run.recorder.error(
      run.sinceStart(),
      `checkpoint report not written: ${error instanceof Error ? error.message : String(error)}`,
    );
}

/**
 * The first checkpoint is written as the load starts, before its first SMS: a run killed at any
 * moment of its load leaves a report, not only one killed after the first interval.
 */
function startRunCheckpoints(run: RunContext): Checkpoints {
  return startCheckpoints(run.options.checkpointEveryMs ?? runDefaults.checkpointEveryMs, () => writeCheckpoint(run), {
    onError: (error) => checkpointFailed(run, error),
    dutyFactor: runDefaults.checkpointDutyFactor,
  });
}

/** Runs the load to its end (or its stop) and every chaos step to theirs. */
export async function runLoad(run: RunContext, started: Started): Promise<Loaded> {
  const { soFar, options } = run;
  soFar.phase = 'load';
  started.stub.startFaultClock();
  soFar.loadStartedAt = Date.now();
  const chaos = startRunChaos(run, started);
  const checkpoints = startRunCheckpoints(run);
  // Registered in this order so that teardown ends the chaos steps before it waits out a checkpoint being written.
  run.machinery.defer('checkpoints', () => checkpoints.stop());
  run.machinery.defer('chaos', () => chaos.cancel());
  // Stopped before that wait too; its first sample comes one interval into the load.
  const sampler = startSampling(run, started);
  await checkpoints.first;
  const gate = options.gate ? { gate: options.gate } : {};
  // Each SMS through the console of the device it goes to.
  const consoles = started.fleet.length > 1 ? started.fleet.map((member) => member.line) : started.injectorConsole;
  await inject(consoles, planFor(run.scenario, options.shard), run.log, {
    signal: run.stopping.signal,
    ...gate,
  });
  soFar.loadEndedAt = Date.now();
  // The drain starts once every chaos step has run to its end (network back, device restarted).
  await chaos.done;
  return { ...started, sampler };
}
