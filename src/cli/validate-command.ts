// `smsgw validate <scenario…>`: checks scenario files as `smsgw run` would read them, and starts nothing.
import { Command } from 'commander';
import { ExitCode } from '../errors';
import type { Scenario } from '../scenario/index';
import {
  addScenarioOptions,
  mistakesOf,
  readScenarioFiles,
  type FileResult,
  type ScenarioFlags,
} from './load-scenarios';
import { envOption } from './option-env';

interface ValidateFlags extends ScenarioFlags {
  readonly json?: boolean;
}

/** The load of a scenario in a few words: "100 SMS over 10s, then 5/s for 1m". */
async function loadLine(scenario: Scenario): Promise<string> {
  const { describeLoadStep } = await import('../scenario/index');
  return scenario.load.map(describeLoadStep).join(', then ');
}

/** The scenario as a run would use it, the secret hidden: the output may end up in a CI log. */
const shown = (scenario: Scenario): Scenario =>
  scenario.server.secret === null ? scenario : { ...scenario, server: { ...scenario.server, secret: '(hidden)' } };

async function jsonOf(result: FileResult) {
  if ('error' in result) {
    const { error } = result;
    return {
      file: result.file,
      valid: false,
      message: error.message,
      issues: error.issues,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    };
  }
  const { scenario } = result;
  return {
    file: result.file,
    valid: true,
    name: scenario.name,
    load: await loadLine(scenario),
    scenario: shown(scenario),
  };
}

async function validate(files: string[], flags: ValidateFlags): Promise<void> {
  const results = await readScenarioFiles(files, flags);
  const valid = results.every((result) => 'scenario' in result);
  const mistakes = mistakesOf(results);
  if (flags.json) {
    const document = { valid, files: await Promise.all(results.map(jsonOf)) };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else
    for (const result of results)
      if ('scenario' in result)
        process.stdout.write(`ok  ${result.file}  ${result.scenario.name}: ${await loadLine(result.scenario)}\n`);
  // On stderr as for any bad input, beside the JSON document too: a person reads the CI log.
  if (mistakes) throw mistakes;
  process.exitCode = ExitCode.ok;
}

export function validateCommand(): Command {
  const command = new Command('validate')
    .description(
      'check scenario files as `smsgw run` reads them (YAML, schema, --set, handlers module, baseline) without running anything',
    )
    .argument('<scenario...>', 'scenario YAML files')
    .addOption(
      envOption(
        '--json',
        'print one JSON document: per file, valid or its mistakes, and the scenario as a run uses it',
      ),
    )
    .addHelpText(
      'after',
      '\nExit 0 when every file is valid (one `ok` line each), 2 otherwise, with every mistake of every file.\n\n' +
        'Example:\n  $ smsgw validate scenarios/*.yaml --set load.0.burst.count=1000',
    );
  return addScenarioOptions(command).action(validate);
}
