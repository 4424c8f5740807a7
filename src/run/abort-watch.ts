// `abort_on_fail`: on every sample of the load and the drain, the verdicts the scenario aborts on are
// judged from what the harness has measured so far (its injection log, the stub's ledger and stats,
// the kernel's memory peak; the device's given-up count only where the ledger agrees). The first that
// fails stops the run at once, as Ctrl-C does: the load stops, nothing drains, the teardown runs and
// the report says which verdict stopped it and when.
import type { InjectionCounts } from '../injection/injection-store';
import type { StubServer, StubStats } from '../stub/index';
import { traceRun } from '../judge/trace';
import {
  abortLine,
  abortNeedsTrace,
  firstAbortFailure,
  type MidRunMeasurements,
  type MidRunTrace,
} from '../judge/abort-verdicts';
import { runDefaults } from './defaults';
import type { RunContext } from './run-context';

/** What one sample read, in the order it read it: the injection log's counts before the stub's stats. */
export interface SampleFacts {
  readonly counts: InjectionCounts;
  readonly stubStats: StubStats;
  /** How long the load has run, ms, pauses left out. */
  readonly loadElapsedMs: number;
}

export interface AbortWatch {
  /** Judges the sample's figures; stops the run when a verdict it aborts on has failed. */
  judge(facts: SampleFacts): void;
  /** The run has reached its end by itself: nothing more stops it, its own verdicts judge the rest. */
  end(): void;
}

const noWatch: AbortWatch = { judge: () => undefined, end: () => undefined };

/**
 * The trace sorts every SMS of the run so far on the harness's thread (about 3 s at 300,000 SMS), so
 * one that took T waits T × the duty factor before the next: small runs trace every sample, a long
 * soak every few minutes.
 */
function throttledTrace(run: RunContext, stub: StubServer): () => MidRunTrace | null {
  let notBefore = 0;
  return () => {
    const startedAt = performance.now();
    if (startedAt < notBefore) return null;
    // The trace reads the ledger file: rows the stub still buffers must be on it first.
    stub.ledger.flush();
    const trace = traceRun(run.log, run.ledgerPath);
    notBefore = startedAt + (performance.now() - startedAt) * runDefaults.abortTraceDutyFactor;
    return {
      duplicates: trace.duplicates,
      corrupted: trace.corrupted,
      maxLatencyMs: trace.latenciesMs.at(-1) ?? null,
      delivered: trace.delivered,
    };
  };
}

function measure(run: RunContext, facts: SampleFacts, trace: MidRunTrace | null): MidRunMeasurements {
  const { counts, stubStats } = facts;
  const signed = run.scenario.server.secret !== null;
  return {
    acknowledged: counts.acknowledged,
    serverAccepted: stubStats.accepted,
    refused: counts.refused,
    unanswered: counts.unanswered,
    gaveUp: run.soFar.deviceHealth?.engine.gaveUp ?? null,
    deviceRssBytes: run.soFar.peakRssBytes,
    signatures: signed
      ? { bad: stubStats.badSignatures, stale: stubStats.staleSignatures, replayed: stubStats.replays }
      : null,
    trace,
  };
}

/** Watches the verdicts the scenario aborts on; does nothing when it aborts on none. */
export function startAbortWatch(run: RunContext, stub: StubServer): AbortWatch {
  const { expect } = run.scenario;
  if ((expect.abortOnFail ?? []).length === 0) return noWatch;
  const trace = abortNeedsTrace(expect) ? throttledTrace(run, stub) : () => null;
  let ended = false;
  return {
    judge(facts) {
      // Whatever stopped the run first (Ctrl-C, a full disk, a lost device) is what stopped it; a
      // sample still on its way when the teardown began judges nothing.
      if (ended || run.stopping.signal.aborted || run.soFar.phase === 'teardown') return;
      let verdict;
      try {
        verdict = firstAbortFailure(expect, measure(run, facts, trace()));
      } catch (error) {
        // A trace that cannot be read this time aborts nothing; the checkpoints say why it failed.
        const message = error instanceof Error ? error.message : String(error);
        run.recorder.error(run.sinceStart(), `abort_on_fail not judged on this sample: ${message}`);
        return;
      }
      if (verdict === null) return;
      const abort = {
        verdict,
        atMs: run.sinceStart(),
        loadMs: facts.loadElapsedMs,
        plannedLoadMs: run.plannedLoadMs,
      };
      run.soFar.aborted = abort;
      run.recorder.error(abort.atMs, `${abortLine(abort)}; the run stops`);
      run.stopping.abort();
    },
    end() {
      ended = true;
    },
  };
}
