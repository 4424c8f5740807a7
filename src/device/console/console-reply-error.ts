// A `KO: …` from the console, carried as an SmsgwError so reporters keep one code path.
import { SmsgwError } from '../../errors';

const shorten = (command: string): string => (command.length > 60 ? `${command.slice(0, 57)}...` : command);

export class ConsoleReplyError extends SmsgwError {
  /** The console's reason, without the `KO: ` prefix. */
  readonly reason: string;
  /** The command line that was refused. */
  readonly command: string;
  /** Lines the console wrote before its KO (help text, usually). */
  readonly details: readonly string[];

  constructor(command: string, reason: string, details: readonly string[] = []) {
    super('device-unavailable', `console refused \`${shorten(command)}\`: ${reason}`);
    this.name = 'ConsoleReplyError';
    this.reason = reason;
    this.command = command;
    this.details = details;
  }
}
