// The console's command tables and the emulator's rules for finding a command and printing help
// (find_command, dump_help, do_help in android-emu/android/console.cpp), as data plus three functions.
import { CRLF, replies } from './console-protocol';

/** A reply's whole text, terminator (OK / KO: …) included; `end` closes the connection after it. */
export interface Reply {
  readonly text: string;
  readonly end?: boolean;
}

export interface CommandDef {
  /** Names separated by `|`, as the emulator writes them: `help|h|?`. */
  readonly names: string;
  readonly abstract: string;
  readonly description?: string;
  /** Runs the command; `args` is the rest of the line after the name, null when there is none. */
  readonly run?: (args: string | null) => Reply | Promise<Reply>;
  readonly subcommands?: readonly CommandDef[];
}

/** The command named by the line's first word (up to the first space), and the arguments after it. */
export function findCommand(
  line: string,
  table: readonly CommandDef[],
): { command: CommandDef; args: string | null } | null {
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const command = table.find((candidate) => candidate.names.split('|').includes(word));
  if (!command) return null;
  const rest = space === -1 ? '' : line.slice(space).replace(/^ +/, '');
  return { command, args: rest === '' ? null : rest };
}

/** A command's description, then its sub-commands (dump_help). */
export function describeCommand(command: CommandDef, prefix: string): string {
  let text = command.description ?? `${command.abstract}${CRLF}`;
  if (command.subcommands) {
    text += `${CRLF}available sub-commands:${CRLF}`;
    for (const sub of command.subcommands) text += `   ${prefix} ${sub.names.padEnd(15)}  ${sub.abstract}${CRLF}`;
    text += CRLF;
  }
  return text;
}

/** `help` and `help <command> [<sub-command>]` over one table (do_help). */
export function helpReply(table: readonly CommandDef[], args: string | null): Reply {
  if (args === null) {
    const names = table.map((command) => `    ${command.names}${CRLF}`).join('');
    const footer = `${CRLF}Try 'help-verbose' for more description${CRLF}Try 'help <command>' for command-specific help${CRLF}`;
    return { text: `Android console commands:${CRLF}${names}${footer}${replies.ok}` };
  }
  let commands = table;
  let rest: string | null = args;
  for (;;) {
    const found = findCommand(rest, commands);
    if (!found)
      return { text: `${helpReply(table, null).text.slice(0, -replies.ok.length)}${CRLF}KO: unknown command${CRLF}` };
    if (found.args === null || !found.command.subcommands)
      return { text: describeCommand(found.command, args) + replies.ok };
    commands = found.command.subcommands;
    rest = found.args;
  }
}

/** `help-verbose`: every command with its abstract. */
export function helpVerboseReply(table: readonly CommandDef[]): Reply {
  const lines = table.map((command) => `    ${command.names.padEnd(15)}  ${command.abstract}${CRLF}`).join('');
  return {
    text: `Android console command help:${CRLF}${CRLF}${lines}${CRLF}try 'help <command>' for command-specific help${CRLF}${replies.ok}`,
  };
}

/** Runs one command line against a table (control_client_do_command after its security checks). */
export async function dispatch(line: string, table: readonly CommandDef[]): Promise<Reply> {
  const found = findCommand(line, table);
  if (!found) return { text: replies.unknownCommand };
  let { command, args } = found;
  for (;;) {
    if (command.run) return command.run(args);
    const subcommands = command.subcommands ?? [];
    if (args === null) return { text: describeCommand(command, '') + replies.missingSubCommand };
    const sub = findCommand(args, subcommands);
    if (!sub) return { text: describeCommand(command, '') + replies.badSubCommand };
    ({ command, args } = sub);
  }
}
