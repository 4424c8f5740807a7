// Scenario files as `smsgw run` and `smsgw validate` read them: each one checked whole (YAML, schema,
// `--set` overrides, its handlers module, bounds relative to a baseline) before anything starts, and
// every mistake of every file listed at once.
import type { Command } from 'commander';
import { ExitCode, SmsgwError } from '../errors';
import type { Scenario } from '../scenario/index';
import { maxSeed } from '../scenario/defaults';
import { parseNonNegativeInteger } from './option-parsers';
import { envOption, repeatable } from './option-env';

function parseSeed(value: string): number {
  const seed = parseNonNegativeInteger('--seed', value);
  if (seed > maxSeed) throw new SmsgwError('bad-option', `Expected \`--seed\` to be at most ${maxSeed}, got ${seed}`);
  return seed;
}

/** The flags that change what a scenario file says: `--set`, `--seed`, `--baseline`. */
export interface ScenarioFlags {
  /** `path=value`, as given; read (and refused) when the files are. */
  readonly set: readonly string[];
  readonly seed?: number;
  readonly baseline?: string;
}

/** One file: its scenario as a run would use it, or the bad-input error that lists its mistakes. */
export type FileResult =
  { readonly file: string; readonly scenario: Scenario } | { readonly file: string; readonly error: SmsgwError };

export function addScenarioOptions(command: Command): Command {
  return command
    .addOption(
      envOption(
        '--set <path=value>',
        'change the scenario before it is checked, e.g. load.0.burst.count=1000, expect.lost=5, device.clock=100x; the value is YAML (repeatable; in the variable, one per line)',
      )
        .argParser(repeatable(String))
        .default([]),
    )
    .addOption(
      envOption(
        '--seed <n>',
        "overrides the scenario's `seed:` (texts, senders, fault dice), to replay or vary a run",
      ).argParser(parseSeed),
    )
    .addOption(
      envOption(
        '--baseline <run>',
        'an earlier run (its folder or report.json) for thresholds like "<= baseline * 1.2"',
      ),
    );
}

/** Reads every file; a file's bad input is its result, anything else (a bad `--set`, a bad baseline) is thrown. */
export async function readScenarioFiles(files: readonly string[], flags: ScenarioFlags): Promise<FileResult[]> {
  // Loaded here, not at the top: `smsgw device` shares this program and should not pay for them.
  const [{ loadScenario, parseOverride }, { readReport }, { resolveBaselines }] = await Promise.all([
    import('../scenario/index'),
    import('../report/read-report'),
    import('../report/baseline'),
  ]);
  const overrides = flags.set.map(parseOverride);
  // Relative bounds are settled before anything starts: a missing baseline is bad input, not a failed run.
  const baseline = flags.baseline === undefined ? null : await readReport(flags.baseline);
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      const loaded = await loadScenario(file, overrides);
      // The scenario's own handlers module is input too: one that cannot be used stops every run here.
      if (loaded.server.handlers !== null)
        await (await import('../stub/user-handlers')).loadUserHandlers(loaded.server.handlers, 'bad-scenario');
      const scenario: Scenario = {
        ...loaded,
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        expect: resolveBaselines(loaded.expect, baseline, flags.baseline ?? null),
      };
      results.push({ file, scenario });
    } catch (error) {
      if (!(error instanceof SmsgwError) || error.exitCode !== ExitCode.badInput) throw error;
      results.push({ file, error });
    }
  }
  return results;
}

/**
 * One error for every mistake in `results`, or null when there is none: a single file's own error,
 * or for several one block per file with a bad one. `outcome` ends the headline ("nothing was run").
 */
export function mistakesOf(results: readonly FileResult[], outcome = ''): SmsgwError | null {
  const mistakes = results.flatMap((result) => ('error' in result ? [result] : []));
  if (mistakes.length === 0) return null;
  if (results.length === 1) return mistakes[0]!.error;
  // The loader's messages start with the file; a baseline's does not, and gets it here.
  const block = ({ file, error }: { file: string; error: SmsgwError }): string[] => [
    error.message.startsWith(`${file}:`) ? error.message : `${file}: ${error.message}`,
    ...error.issues.map((issue) => `  ${issue}`),
  ];
  const hints = [...new Set(mistakes.flatMap(({ error }) => (error.hint ? [error.hint] : [])))];
  return new SmsgwError(
    'bad-scenario',
    `${mistakes.length} of ${results.length} scenario files have mistakes${outcome === '' ? '' : `; ${outcome}`}`,
    {
      issues: mistakes.flatMap(block),
      ...(hints.length > 0 ? { hint: hints.join('; ') } : {}),
    },
  );
}

/**
 * Reads and checks every scenario before the first one starts: a mistake in the last file must not
 * wait for the others to run. Every mistake of every file is listed, one block per file; exit 2.
 */
export async function loadScenarios(files: readonly string[], flags: ScenarioFlags): Promise<Scenario[]> {
  const results = await readScenarioFiles(files, flags);
  const mistakes = mistakesOf(results, 'nothing was run');
  if (mistakes) throw mistakes;
  return results.flatMap((result) => ('scenario' in result ? [result.scenario] : []));
}
