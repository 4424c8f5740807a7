// `expect: { p95_latency: "<= baseline * 1.2" }`: bounds relative to an earlier run, filled in before
// the run starts so a missing or unmeasured baseline is a bad-input error (exit 2), not a failed verdict.
import type { Expectations, Threshold } from '../scenario/index';
import { formatThresholdValue, tidy } from '../units/index';
import { SmsgwError } from '../errors';
import type { RunReport } from './run-report';
import { baselineMetricOf, reportMetrics } from './report-metrics';

const isThreshold = (value: unknown): value is Threshold =>
  typeof value === 'object' && value !== null && 'op' in value && 'unit' in value;

/** The `expect` keys written relative to a baseline. */
export function baselineVerdicts(expect: Expectations): string[] {
  return Object.entries(expect).flatMap(([name, value]) =>
    isThreshold(value) && value.baselineFactor !== undefined ? [name] : [],
  );
}

/** Expectations with every `baseline * k` bound replaced by the baseline's value × k; `source` names the baseline in messages. */
export function resolveBaselines(
  expect: Expectations,
  baseline: RunReport | null,
  source: string | null,
): Expectations {
  const relative = baselineVerdicts(expect);
  if (relative.length === 0) return expect;
  if (!baseline) {
    throw new SmsgwError(
      'bad-option',
      `\`${relative.join('`, `')}\` compare${relative.length === 1 ? 's' : ''} against a baseline, but no --baseline was given`,
      {
        hint: 'run with --baseline reports/<run-id> (a run folder or its report.json)',
      },
    );
  }
  const measured = new Map(reportMetrics(baseline).map((metric) => [metric.name, metric.value]));
  const resolved: Record<string, unknown> = { ...expect };
  for (const name of relative) {
    const threshold = resolved[name] as Threshold;
    const value = measured.get(baselineMetricOf[name] ?? name) ?? null;
    if (value === null)
      throw new SmsgwError(
        'bad-option',
        `\`${name}\` compares against the baseline, but ${source ?? 'the baseline'} did not measure it`,
      );
    const bound = tidy(value * threshold.baselineFactor!);
    resolved[name] = {
      ...threshold,
      value: bound,
      text: `${threshold.text} (= ${formatThresholdValue(bound, threshold.unit)})`,
    };
  }
  return resolved as Expectations;
}
