// Whether one planted defect was caught: its verdict failed with the defect planted, and passed in
// the clean run of the same scenario (else the verdict cannot tell the defect from a clean device).
import { join } from 'node:path';
import { resultOf, type RunReport, type RunStatus } from '../report/run-report';
import type { Verdict } from '../judge/verdicts';
import type { SelftestCase } from './selftest-cases';

/** What the selftest keeps of one run. */
export interface RunBrief {
  readonly status: RunStatus;
  readonly verdicts: readonly Verdict[];
  /** Every verdict that failed, by name (one a run cut short could not judge did not fail). */
  readonly failed: readonly string[];
  readonly report: string;
  readonly durationMs: number;
  /** The verdict that stopped the run mid-run (`abort_on_fail`), and when; null when none did. */
  readonly aborted?: RunReport['aborted'] | null;
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
    failed: report.verdicts.filter((judged) => resultOf(judged) === 'fail').map((judged) => judged.name),
    report: join(dir, 'report.json'),
    durationMs: report.durationMs,
    aborted: report.aborted ?? null,
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

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * A case whose verdict carries `abort_on_fail` is caught only when that verdict also stopped the
 * planted run, before half its planned load: a failure noticed at the end proves nothing of the abort.
 */
function abortOf(name: string, brief: RunBrief, judged: { caught: boolean; detail: string }) {
  if (!judged.caught) return judged;
  const aborted = brief.aborted ?? null;
  if (aborted === null) return { caught: false, detail: `${judged.detail}, but it did not stop the run` };
  if (aborted.verdict !== name)
    return { caught: false, detail: `the run was stopped by \`${aborted.verdict}\` instead` };
  const when = `stopped the run ${seconds(aborted.loadMs)} into its ${seconds(aborted.plannedLoadMs)} load`;
  if (aborted.loadMs >= aborted.plannedLoadMs / 2) return { caught: false, detail: `${judged.detail}, but it ${when}` };
  return { caught: true, detail: `${judged.detail}; ${when}` };
}

/** Judges one case from its planted run and the clean run of its scenario. */
export function judgeCase(selftestCase: SelftestCase, planted: RunBrief, control: RunBrief | null): CaseResult {
  const judged = verdictOf(selftestCase.verdict, planted, control);
  return {
    name: selftestCase.name,
    defect: selftestCase.defect,
    scenario: selftestCase.scenario,
    verdict: selftestCase.verdict,
    ...(selftestCase.abortsEarly ? abortOf(selftestCase.verdict, planted, judged) : judged),
    alsoFailed: planted.failed.filter((name) => name !== selftestCase.verdict),
    planted,
    control,
  };
}
