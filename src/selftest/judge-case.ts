// Whether one planted defect was caught: its verdict failed with the defect planted, and passed in
// the clean run of the same scenario (else the verdict cannot tell the defect from a clean device).
import { join } from 'node:path';
import type { RunReport, RunStatus } from '../report/run-report';
import type { Verdict } from '../judge/verdicts';
import type { SelftestCase } from './selftest-cases';

/** What the selftest keeps of one run. */
export interface RunBrief {
  readonly status: RunStatus;
  readonly verdicts: readonly Verdict[];
  /** Every verdict that failed, by name. */
  readonly failed: readonly string[];
  readonly report: string;
  readonly durationMs: number;
}

export interface CaseResult {
  readonly name: string;
  readonly defect: string;
  readonly scenario: string;
  /** The verdict that should catch the defect. */
  readonly verdict: string;
  readonly caught: boolean;
  /** One sentence: what the verdict saw, or why the defect went uncaught. */
  readonly detail: string;
  /** Other verdicts the defect failed along the way (a skipped signature also loses the SMS). */
  readonly alsoFailed: readonly string[];
  readonly planted: RunBrief;
  /** The clean run of the same scenario; null with `--no-control`. */
  readonly control: RunBrief | null;
}

/** Boils a run down to what the selftest shows. */
export function briefOf(report: RunReport, dir: string): RunBrief {
  return {
    status: report.status,
    verdicts: report.verdicts,
    failed: report.verdicts.filter((judged) => !judged.passed).map((judged) => judged.name),
    report: join(dir, 'report.json'),
    durationMs: report.durationMs,
  };
}

const shown = (verdict: Verdict): string => `${verdict.actual} against ${verdict.expected}`;

const find = (brief: RunBrief, name: string): Verdict | null =>
  brief.verdicts.find((verdict) => verdict.name === name) ?? null;

function verdictOf(name: string, brief: RunBrief, control: RunBrief | null): { caught: boolean; detail: string } {
  const planted = find(brief, name);
  if (planted === null) return { caught: false, detail: 'the scenario has no such verdict in its `expect` block' };
  if (planted.passed) return { caught: false, detail: `it passed with the defect planted (${shown(planted)})` };
  if (brief.status !== 'failed') return { caught: false, detail: `the run ended ${brief.status}, not failed` };
  if (control === null) return { caught: true, detail: shown(planted) };
  const clean = find(control, name);
  if (clean === null) return { caught: false, detail: 'the clean run did not judge this verdict' };
  if (!clean.passed)
    return {
      caught: false,
      detail: `it failed in the clean run too (${shown(clean)}), so it cannot tell the defect apart`,
    };
  return { caught: true, detail: `${shown(planted)}; clean run ${clean.actual}` };
}

/** Judges one case from its planted run and the clean run of its scenario. */
export function judgeCase(selftestCase: SelftestCase, planted: RunBrief, control: RunBrief | null): CaseResult {
  return {
    name: selftestCase.name,
    defect: selftestCase.defect,
    scenario: selftestCase.scenario,
    verdict: selftestCase.verdict,
    ...verdictOf(selftestCase.verdict, planted, control),
    alsoFailed: planted.failed.filter((name) => name !== selftestCase.verdict),
    planted,
    control,
  };
}
