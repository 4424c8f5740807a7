// The bounds the scenario's verdicts judge, read back from the report's verdicts so report.html can
// draw each on the chart of the measure it judges.
import { safeParseThreshold, type ThresholdUnit } from '../units/index';
import type { Verdict } from '../judge/verdicts';
import { resultOf, type RunReport } from './run-report';

export interface Bound {
  /** The verdict's name, e.g. `p95_latency`. */
  readonly verdict: string;
  /** In the unit's base: ms, bytes. */
  readonly value: number;
  /** As the verdict table shows it: `p95_latency < 2s`. */
  readonly label: string;
  readonly result: ReturnType<typeof resultOf>;
}

/**
 * The verdict's bound, parsed from its `expected` (the threshold as the scenario wrote it) in the
 * unit the verdict judges in; null when the scenario set none, or set one relative to a baseline
 * run that has no number of its own.
 */
export function boundOf(report: RunReport, name: string, unit: ThresholdUnit): Bound | null {
  const verdict: Verdict | undefined = report.verdicts.find((candidate) => candidate.name === name);
  if (!verdict) return null;
  const parsed = safeParseThreshold(verdict.expected, { name, unit, defaultOp: '<=' });
  if (!parsed.ok || !Number.isFinite(parsed.value.value)) return null;
  return {
    verdict: name,
    value: parsed.value.value,
    label: `${name} ${verdict.expected}`,
    result: resultOf(verdict),
  };
}

/** The latency verdicts, judged on the same delivered SMS the histogram counts. */
export const latencyBounds = (report: RunReport): Bound[] =>
  ['p50_latency', 'p95_latency', 'p99_latency', 'max_latency'].flatMap((name) => boundOf(report, name, 'ms') ?? []);
