// `smsgw selftest`: proves the harness catches a broken gateway. For each scenario of the chosen
// cases, one clean run, then one run per planted defect, all through runScenario like `smsgw run`.
import { join } from 'node:path';
import { SmsgwError } from '../errors';
import { loadScenario } from '../scenario/index';
import { runScenario, type RunOptions, type RunOutcome } from '../run/run-scenario';
import type { Fault, Scenario } from '../scenario/index';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { briefOf, judgeCase, type CaseResult, type RunBrief } from './judge-case';
import { selftestScenarioPath, type SelftestCase } from './selftest-cases';

/** One run of the selftest: a scenario, clean (`defect` null) or with one defect planted. */
export interface SelftestStep {
  readonly scenario: string;
  readonly defect: string | null;
  /** Planted in the stub instead of the device. */
  readonly serverFault?: Fault;
  /** The case's name, or `control` for the clean run. */
  readonly label: string;
  /** In a fleet, the one device the defect goes into (from 1). */
  readonly device?: number;
  readonly appium: boolean;
}

export type SelftestEvent =
  | { readonly kind: 'step-start'; readonly step: SelftestStep; readonly index: number; readonly total: number }
  | { readonly kind: 'step-progress'; readonly step: SelftestStep; readonly snapshot: MetricsSnapshot }
  | {
      readonly kind: 'step-done';
      readonly step: SelftestStep;
      readonly index: number;
      readonly total: number;
      readonly brief: RunBrief;
    };

export interface SelftestOptions {
  readonly cases: readonly SelftestCase[];
  /** Each step writes its report under `<reportsDir>/<scenario>/<label>/<run-id>/`. */
  readonly reportsDir: string;
  /** Skip the clean runs: faster, but a verdict that fails anyway then counts as a catch. Default false. */
  readonly skipControl?: boolean;
  /** Judges the Health screen; required when a chosen case has `appium` (handed to runScenario as its `measureHealthScreen`). */
  readonly measureHealthScreen?: RunOptions['measureHealthScreen'];
  readonly onEvent?: (event: SelftestEvent) => void;
  readonly signal?: AbortSignal;
  /** The run itself; default runScenario (a test may pass a fake). */
  readonly run?: (scenario: Scenario, options: RunOptions) => Promise<RunOutcome>;
}

export interface SelftestResult {
  readonly cases: readonly CaseResult[];
  /** The clean run of each scenario, by scenario; empty with `skipControl`. */
  readonly controls: Readonly<Record<string, RunBrief>>;
  /** Every defect caught, and every clean run passed. */
  readonly passed: boolean;
  readonly durationMs: number;
}

/** The runs in order: per scenario (in the order the cases first name it), the clean run, then each defect. */
export function planSteps(cases: readonly SelftestCase[], skipControl: boolean): SelftestStep[] {
  const scenarios = [...new Set(cases.map((selftestCase) => selftestCase.scenario))];
  return scenarios.flatMap((scenario) => {
    const ofScenario = cases.filter((selftestCase) => selftestCase.scenario === scenario);
    const control: SelftestStep = {
      scenario,
      defect: null,
      label: 'control',
      appium: ofScenario.some((selftestCase) => selftestCase.appium === true),
    };
    const planted = ofScenario.map((selftestCase) => ({
      scenario,
      defect: selftestCase.defect,
      label: selftestCase.name,
      appium: selftestCase.appium === true,
      ...(selftestCase.serverFault ? { serverFault: selftestCase.serverFault } : {}),
      ...(selftestCase.device === undefined ? {} : { device: selftestCase.device }),
    }));
    return skipControl ? planted : [control, ...planted];
  });
}

/** The scenario as the step runs it: a server fault goes first, so it strikes before any other. */
function plantedScenario(scenario: Scenario, step: SelftestStep): Scenario {
  if (!step.serverFault) return scenario;
  return { ...scenario, server: { ...scenario.server, faults: [step.serverFault, ...scenario.server.faults] } };
}

export async function runSelftest(options: SelftestOptions): Promise<SelftestResult> {
  const startedAt = Date.now();
  const run = options.run ?? runScenario;
  const steps = planSteps(options.cases, options.skipControl ?? false);
  if (steps.some((step) => step.appium) && !options.measureHealthScreen) {
    throw new SmsgwError(
      'internal',
      'The selftest of a planted wrong-dashboard needs a Health screen meter (measureHealthScreen), and none was given',
    );
  }
  const briefs = new Map<SelftestStep, RunBrief>();
  const scenarios = new Map<string, Scenario>();
  // Every scenario is read before the first run: a broken file is bad input, not a failure halfway through.
  for (const step of steps)
    if (!scenarios.has(step.scenario))
      scenarios.set(step.scenario, await loadScenario(selftestScenarioPath(step.scenario)));

  for (const [index, step] of steps.entries()) {
    if (options.signal?.aborted) break;
    options.onEvent?.({ kind: 'step-start', step, index, total: steps.length });
    const { report, dir } = await run(plantedScenario(scenarios.get(step.scenario)!, step), {
      file: selftestScenarioPath(step.scenario),
      reportsDir: join(options.reportsDir, step.scenario, step.label),
      defects: step.defect === null || step.serverFault ? [] : [step.defect],
      ...(step.device === undefined ? {} : { defectsOnDevice: step.device }),
      ...(step.appium && options.measureHealthScreen ? { measureHealthScreen: options.measureHealthScreen } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (snapshot) => options.onEvent?.({ kind: 'step-progress', step, snapshot }),
    });
    const brief = briefOf(report, dir);
    briefs.set(step, brief);
    options.onEvent?.({ kind: 'step-done', step, index, total: steps.length, brief });
  }

  const controls = Object.fromEntries(
    [...briefs].filter(([step]) => step.defect === null).map(([step, brief]) => [step.scenario, brief]),
  );
  const cases = options.cases.flatMap((selftestCase) => {
    const planted = [...briefs].find(([step]) => step.label === selftestCase.name)?.[1];
    // A case without a run was cut short by Ctrl-C: it is left out, and the selftest does not pass.
    return planted ? [judgeCase(selftestCase, planted, controls[selftestCase.scenario] ?? null)] : [];
  });
  const passed =
    cases.length === options.cases.length &&
    cases.every((result) => result.caught) &&
    Object.values(controls).every((control) => control.status === 'passed');
  return { cases, controls, passed, durationMs: Date.now() - startedAt };
}
