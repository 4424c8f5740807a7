// The verdicts of a merged run. Counts and latencies are judged again over the union of the shards'
// evidence: counts summed from each shard's own trace (each shard's SMS went to its own server), the
// repeats and key collisions from the union, and every percentile the nearest rank of every delivered
// SMS's exact latency across all shards (never an average of the shards' percentiles). A verdict
// about one device (its memory, its drain, its screen) is each shard's own device's: the merged one
// is the worst shard's, named. The bounds are the ones the shards' reports were judged against.
import type { Expectations } from '../scenario/index';
import { safeParseThreshold, type Threshold, type ThresholdOp, type ThresholdUnit } from '../units/index';
import { SmsgwError } from '../errors';
import { evaluateVerdicts, type RunMeasurements, type Verdict } from '../judge/verdicts';
import type { RunCounts, RunReport } from './run-report';
import { describeCorruption } from './summarize-run';
import { latencyMeasurements } from './measurements';
import type { Redactor } from './redact';
import type { UnionEvidence } from './merge-evidence';
import { shardName, type ShardRun } from './merge-inputs';

type Bound = { readonly unit: ThresholdUnit; readonly defaultOp: ThresholdOp } | 'yes-no';
const count: Bound = { unit: 'count', defaultOp: '<=' };
const ms: Bound = { unit: 'ms', defaultOp: '<=' };

/** The verdicts judged again from the union, and how their bound reads. */
const judgedFromUnion: Readonly<Record<string, Bound>> = {
  lost: count,
  duplicates: count,
  refused: count,
  unanswered: count,
  gave_up: count,
  success_rate: { unit: 'ratio', defaultOp: '>=' },
  p50_latency: ms,
  p95_latency: ms,
  p99_latency: ms,
  max_latency: ms,
  content_intact: 'yes-no',
  signatures_valid: 'yes-no',
};

/** `<= baseline * 1.2 (= 2.4s)`, as a run writes a bound it resolved against a baseline. */
const resolvedBaseline = /^\s*(<=|>=|==|<|>|=)?\s*baseline\b.*\(= (.+)\)$/;

/** A verdict's bound read back from the text its shard reports show; its text stays that text. */
function boundOf(verdict: Verdict): Threshold | boolean {
  const how = judgedFromUnion[verdict.name]!;
  const bad = (): never => {
    throw new SmsgwError(
      'bad-report',
      `The shards' \`${verdict.name}\` verdict expects ${JSON.stringify(verdict.expected)}, which does not read as a bound`,
    );
  };
  if (how === 'yes-no') return verdict.expected === 'true' ? true : verdict.expected === 'false' ? false : bad();
  const resolved = resolvedBaseline.exec(verdict.expected);
  const written = resolved ? `${resolved[1] ?? ''} ${resolved[2]}` : verdict.expected;
  const parsed = safeParseThreshold(written, { name: verdict.name, ...how });
  return parsed.ok ? { ...parsed.value, text: verdict.expected } : bad();
}

/** The scenario's `expect` for the verdicts judged again, as the shards were judged. */
function expectationsOf(template: readonly Verdict[]): Expectations {
  const expect: Record<string, Threshold | boolean> = {};
  for (const verdict of template) if (verdict.name in judgedFromUnion) expect[verdict.name] = boundOf(verdict);
  return expect as unknown as Expectations;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Every delivered SMS's exact latency across the shards, ascending. */
export function unionLatencies(evidence: UnionEvidence): Float64Array {
  const all = new Float64Array(sum(evidence.shards.map((shard) => shard.trace.latenciesMs.length)));
  let at = 0;
  for (const { trace } of evidence.shards) {
    all.set(trace.latenciesMs, at);
    at += trace.latenciesMs.length;
  }
  return all.sort();
}

/** The device's own count of give-ups, summed; unknown when any shard's device never said. */
function gaveUpOf(runs: readonly ShardRun[]): number | null {
  const counts = runs.map((run) => run.report.counts.gaveUp);
  return counts.every((value): value is number => typeof value === 'number') ? sum(counts) : null;
}

/**
 * The union's counts. A key two shards' servers both accepted is one SMS a single server would have
 * taken for a redelivery and dropped: lost, not delivered.
 */
export function mergedCounts(evidence: UnionEvidence): RunCounts {
  const { shards, keyCollisions } = evidence;
  const of = (pick: (shard: (typeof shards)[number]) => number): number => sum(shards.map(pick));
  const delivered = of((shard) => shard.trace.delivered);
  return {
    planned: of((shard) => shard.run.report.counts.planned),
    sent: of(({ counts, trace }) => counts.acknowledged + counts.refused + counts.unanswered + trace.inDoubtDelivered),
    injected: of((shard) => shard.counts.acknowledged),
    refused: of((shard) => shard.counts.refused),
    unanswered: of((shard) => shard.counts.unanswered),
    unansweredDelivered: of((shard) => shard.trace.unansweredDelivered),
    inDoubt: of((shard) => shard.counts.inDoubt),
    inDoubtDelivered: of((shard) => shard.trace.inDoubtDelivered),
    delivered: Math.max(0, delivered - keyCollisions),
    repeats: evidence.repeats,
    lost: of((shard) => shard.trace.lost) + keyCollisions,
    gaveUp: gaveUpOf(shards.map((shard) => shard.run)),
    duplicates: of((shard) => shard.trace.duplicates),
    redeliveries: of((shard) => shard.trace.redeliveries),
    corrupted: of((shard) => shard.trace.corrupted),
  };
}

const stubCount = (report: RunReport, name: string): number => {
  const value = report.stub[name];
  return typeof value === 'number' ? value : 0;
};

/** The stubs' signature checks, summed; null when the scenario signs nothing (its shards measured none). */
function signaturesOf(runs: readonly ShardRun[]): RunMeasurements['signatures'] {
  const unsigned = runs.some((run) =>
    run.report.verdicts.some((verdict) => verdict.name === 'signatures_valid' && verdict.value === null),
  );
  if (unsigned) return null;
  const total = (name: string) => sum(runs.map((run) => stubCount(run.report, name)));
  return { bad: total('badSignatures'), stale: total('staleSignatures'), replayed: total('replays') };
}

/** What a shard's device said of a loss, with the shard it came from. */
export function deviceSaysOf(runs: readonly ShardRun[]): string | null {
  const run = runs.find((shard) => shard.report.deviceSays !== undefined);
  return run ? `shard ${run.index}/${run.count}: ${run.report.deviceSays}` : null;
}

function measurementsOf(evidence: UnionEvidence, latencies: Float64Array, redactor: Redactor): RunMeasurements {
  const counts = mergedCounts(evidence);
  const runs = evidence.shards.map((shard) => shard.run);
  const sent = counts.sent ?? 0;
  const delivered = counts.delivered + (counts.unansweredDelivered ?? 0) + counts.inDoubtDelivered;
  const corruptedSamples = evidence.shards.flatMap((shard) => shard.trace.corruptedSamples).slice(0, 3);
  return {
    injected: counts.injected,
    sent,
    delivered,
    lost: counts.lost,
    duplicates: counts.duplicates,
    refused: counts.refused,
    unanswered: {
      count: counts.unanswered ?? 0,
      neverDelivered: sum(evidence.shards.map((shard) => shard.trace.unansweredLost)),
    },
    gaveUp: counts.gaveUp ?? null,
    successRate: sent === 0 ? null : delivered / sent,
    ...latencyMeasurements(latencies),
    deviceRssBytes: null,
    drainedWithinMs: null,
    dashboardMatchesServer: null,
    corrupted: {
      count: counts.corrupted ?? 0,
      samples: corruptedSamples.map((sample) => describeCorruption(sample, redactor)),
    },
    signatures: signaturesOf(runs),
    deviceSays: deviceSaysOf(runs),
  };
}

/** How bad a shard's verdict is: a failure first, then one not judged, then the extreme value of a pass. */
function worse(a: Verdict, b: Verdict): Verdict {
  const rank = { fail: 2, 'not-judged': 1, pass: 0 } as const;
  const ra = rank[a.result ?? (a.passed ? 'pass' : 'fail')];
  const rb = rank[b.result ?? (b.passed ? 'pass' : 'fail')];
  if (ra !== rb) return ra > rb ? a : b;
  if (typeof a.value !== 'number' || typeof b.value !== 'number') return a;
  // A lower bound (`>= 95%`) is nearest failing at its lowest value, an upper bound at its highest.
  const atLeast = /^\s*>/.test(a.expected);
  return (atLeast ? b.value < a.value : b.value > a.value) ? b : a;
}

/** A verdict about each shard's own device: the worst shard's, named. */
function perDevice(name: string, runs: readonly ShardRun[]): Verdict {
  const [first, ...rest] = runs.map((run) => ({ run, verdict: run.report.verdicts.find((v) => v.name === name)! }));
  const worst = rest.reduce((so, next) => (worse(so.verdict, next.verdict) === so.verdict ? so : next), first!);
  const { verdict, run } = worst;
  const whose = `${shardName(run)}, the worst of ${runs.length} devices (one per shard)`;
  return { ...verdict, detail: `${verdict.detail ?? verdict.actual}; ${whose}` };
}

/** Why the merged run cannot judge what only a whole run can: a shard that a verdict stopped. */
export function abortedShard(runs: readonly ShardRun[]): ShardRun | null {
  return runs.find((run) => run.report.aborted !== undefined) ?? null;
}

/** The merged verdicts, in the order the shards' reports list them. */
export function mergedVerdicts(evidence: UnionEvidence, redactor: Redactor): Verdict[] {
  const runs = evidence.shards.map((shard) => shard.run);
  const template = runs[0]!.report.verdicts;
  const aborted = abortedShard(runs);
  const cutShort = aborted ? `${shardName(aborted)} was aborted by \`${aborted.report.aborted!.verdict}\`` : null;
  const judged = evaluateVerdicts(
    expectationsOf(template),
    measurementsOf(evidence, unionLatencies(evidence), redactor),
    cutShort,
  );
  return template.map((verdict) => {
    if (!(verdict.name in judgedFromUnion)) return perDevice(verdict.name, runs);
    const merged = judged.find((candidate) => candidate.name === verdict.name)!;
    if (merged.name !== 'lost' || evidence.keyCollisions === 0) return merged;
    const keys = evidence.collidingKeys.join(', ');
    return {
      ...merged,
      detail: `${merged.detail ?? merged.actual}; ${evidence.keyCollisions} of them were accepted under an idempotency key another shard's device also used (${keys}): one server would have dropped them as redeliveries`,
    };
  });
}
