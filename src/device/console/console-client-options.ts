// Options of ConsoleClient, validated all at once (every problem reported, not the first).
import { SmsgwError } from '../../errors';
import { consoleDefaults } from './defaults';

export interface ConsoleClientOptions {
  /** Console TCP port: the N of `emulator-N`. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Token for `auth`; undefined = read ~/.emulator_console_auth_token; null = have none. */
  readonly authToken?: string | null;
  /** Limit for connecting, the banner and each reply, ms; default 10 000. */
  readonly timeoutMs?: number;
  /** SMS written but not yet answered, at most; default unlimited. */
  readonly maxInFlight?: number;
  /** SMS started per second, at most; default unlimited. */
  readonly perSecond?: number;
}

const positive = (value: number | undefined): boolean => value === undefined || (Number.isFinite(value) && value > 0);

/** The options with defaults applied; throws `bad-option` listing every invalid field. */
export function validateClientOptions(options: ConsoleClientOptions): {
  host: string;
  port: number;
  timeoutMs: number;
} {
  const issues: string[] = [];
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    issues.push(`Expected \`port\` to be an integer from 1 to 65535, got ${String(options.port)}`);
  }
  if (!positive(options.timeoutMs))
    issues.push(`Expected \`timeoutMs\` to be a positive number, got ${String(options.timeoutMs)}`);
  if (!positive(options.perSecond))
    issues.push(`Expected \`perSecond\` to be a positive number, got ${String(options.perSecond)}`);
  if (options.maxInFlight !== undefined && (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1)) {
    issues.push(`Expected \`maxInFlight\` to be a positive integer, got ${String(options.maxInFlight)}`);
  }
  if (issues.length > 0) throw new SmsgwError('bad-option', 'Invalid console client options', { issues });
  return {
    host: options.host ?? consoleDefaults.host,
    port: options.port,
    timeoutMs: options.timeoutMs ?? consoleDefaults.timeoutMs,
  };
}
