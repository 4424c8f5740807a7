// Every flag of every command can also come from the environment, SMSGW_<FLAG> (`--seed` from
// SMSGW_SEED), for CI jobs and containers; a flag on the command line wins over its variable.
import type { EventEmitter } from 'node:events';
import { Option, type Command } from 'commander';
import { SmsgwError } from '../errors';

const prefix = 'SMSGW_';

/**
 * The secret's variable predates this scheme and keeps its name. The harness also hands it to the
 * devices it starts, so it is the one variable never taken out of the environment (below).
 */
export const secretVariable = 'SMSGW_WEBHOOK_SECRET';

/** `--secret <s>`, read from SMSGW_WEBHOOK_SECRET when not given. */
export function secretOption(description: string): Option {
  return new Option('--secret <s>', description).env(secretVariable);
}

/** `--secret` came on the command line, which every user of the machine reads in `ps`, not from its variable. */
export const secretOnCommandLine = (command: Command): boolean => command.getOptionValueSource('secret') === 'cli';

/** `--checkpoint-every <duration>` → SMSGW_CHECKPOINT_EVERY; `--no-redact` → SMSGW_NO_REDACT. */
export function envName(flags: string): string {
  const long = /--([a-z0-9][a-z0-9-]*)/i.exec(flags)?.[1];
  if (long === undefined) throw new Error(`no long flag in ${JSON.stringify(flags)}`);
  return `${prefix}${long.replaceAll('-', '_').toUpperCase()}`;
}

/** An option that reads SMSGW_<FLAG> when the command line does not give it; `--help` shows the name. */
export function envOption(flags: string, description?: string): Option {
  return new Option(flags, description).env(envName(flags));
}

/**
 * The parser of a repeatable option: each flag gives one value, its variable one per line
 * (`SMSGW_SET=$'expect.lost=5\nseed=7'`), since no separator on one line is safe in every value.
 */
export function repeatable<T>(parse: (value: string) => T): (value: string, previous: readonly T[]) => T[] {
  return (value, previous) => {
    const values = value.includes('\n') ? value.split(/\r?\n/).filter((line) => line.trim() !== '') : [value];
    return [...previous, ...values.map(parse)];
  };
}

/** Every command a user can type (hidden ones are started by smsgw itself), depth first. */
export function visibleCommands(root: Command): Command[] {
  const help = root.createHelp();
  return [
    root,
    ...help.visibleCommands(root).flatMap((child) => (child.name() === 'help' ? [] : visibleCommands(child))),
  ];
}

/** A command is an EventEmitter (its options are events), though commander's types show only `on`. */
const events = (command: Command): EventEmitter => command as unknown as EventEmitter;

const isFlag = (option: Option): boolean => !option.required && !option.optional;
const on = /^(1|true|yes|on)$/i;
const off = /^(0|false|no|off)$/i;

/**
 * Commander turns a flag on whenever its variable exists; `SMSGW_JSON=0` turning JSON on would be a
 * trap, so 0/false/no/off leave the flag as if its variable were unset, 1/true/yes/on turn it on, and
 * anything else is bad input.
 */
function settleFlag(command: Command, option: Option, name: string): void {
  const key = option.attributeName();
  let before: { value: unknown; source: ReturnType<Command['getOptionValueSource']> } | undefined;
  events(command).prependListener(`optionEnv:${option.name()}`, () => {
    before = { value: command.getOptionValue(key), source: command.getOptionValueSource(key) };
  });
  command.on(`optionEnv:${option.name()}`, () => {
    const value = process.env[name] ?? '';
    if (on.test(value)) return;
    if (!off.test(value))
      throw new SmsgwError('bad-option', `Expected 1 or 0 (or true or false) for a flag, got ${JSON.stringify(value)}`);
    command.setOptionValueWithSource(key, before?.value, before?.source);
  });
}

/** What `main` needs from the environment's part in a command line. */
export interface EnvironmentOptions {
  /** Names the variable a bad value came from, when it came from one. */
  explain(error: unknown): unknown;
}

/**
 * Wires the variables of `root`'s options: an empty variable counts as unset (CI templates leave
 * them empty); a flag's value is read as on or off; a bad value names its variable. Once the command
 * line is read, the variables leave this process's environment: the devices and apps smsgw starts
 * get their settings as flags, and a variable meant for `smsgw run` (SMSGW_DEFECT) must not plant
 * itself into a device that was started without one.
 */
export function settleEnvironment(root: Command): EnvironmentOptions {
  const commands = visibleCommands(root);
  const names = new Set(commands.flatMap((command) => command.options.flatMap((option) => option.envVar ?? [])));
  for (const name of names) if (process.env[name] === '') delete process.env[name];
  let reading: string | undefined;
  for (const command of commands)
    for (const option of command.options) {
      const name = option.envVar;
      if (name === undefined) continue;
      if (isFlag(option)) settleFlag(command, option, name);
      events(command).prependListener(`optionEnv:${option.name()}`, () => (reading = name));
      events(command).prependListener(`option:${option.name()}`, () => (reading = undefined));
    }
  root.hook('preSubcommand', () => void (reading = undefined));
  root.hook('preAction', () => {
    reading = undefined;
    for (const name of names) if (name !== secretVariable) delete process.env[name];
  });
  return {
    explain: (error) =>
      reading !== undefined && error instanceof SmsgwError && error.code === 'bad-option'
        ? new SmsgwError(error.code, `${reading}: ${error.message}`, {
            issues: error.issues,
            cause: error,
            ...(error.hint === undefined ? {} : { hint: error.hint }),
          })
        : error,
  };
}
