/** Exit codes of every smsgw command (docs/architecture.md, "Exit codes"). */
export const ExitCode = {
  ok: 0,
  verdictFailed: 1,
  badInput: 2,
  environment: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What went wrong, in words a reporter can branch on; each maps to one exit code. */
export type ErrorCode =
  | 'bad-scenario'
  | 'bad-option'
  | 'bad-report'
  | 'port-unavailable'
  | 'device-unavailable'
  | 'stub-unavailable'
  /** The reports folder cannot be created or written: read-only, not a folder, no permission. */
  | 'folder-unavailable'
  /** The disk under the run's folder filled up mid-run. */
  | 'disk-full'
  | 'environment'
  | 'interrupted'
  | 'internal';

const exitCodeOf: Record<ErrorCode, ExitCode> = {
  'bad-scenario': ExitCode.badInput,
  'bad-option': ExitCode.badInput,
  'bad-report': ExitCode.badInput,
  'port-unavailable': ExitCode.environment,
  'device-unavailable': ExitCode.environment,
  'stub-unavailable': ExitCode.environment,
  'folder-unavailable': ExitCode.environment,
  'disk-full': ExitCode.environment,
  environment: ExitCode.environment,
  interrupted: ExitCode.interrupted,
  internal: ExitCode.verdictFailed,
};

export interface SmsgwErrorOptions {
  /** How to fix it, one line. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** Every problem found, when there is more than one (scenario validation). */
  readonly issues?: readonly string[];
}

/** The one error smsgw throws on purpose: a message, a code, a hint, never a stack trace for users. */
export class SmsgwError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly issues: readonly string[];

  constructor(code: ErrorCode, message: string, options: SmsgwErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SmsgwError';
    this.code = code;
    this.hint = options.hint;
    this.issues = options.issues ?? [];
  }

  get exitCode(): ExitCode {
    return exitCodeOf[this.code];
  }
}

/** Formats an error for a terminal: message, each issue, the hint; the stack only when asked. */
export function formatError(error: unknown, verbose = false): string {
  if (error instanceof SmsgwError) {
    const lines = [`smsgw: ${error.message}`, ...error.issues.map((issue) => `  ${issue}`)];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    if (verbose && error.stack) lines.push(error.stack);
    return lines.join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = verbose && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `smsgw: unexpected error: ${message}${stack}\nhint: run again with --verbose and report it`;
}

export function exitCodeFor(error: unknown): ExitCode {
  return error instanceof SmsgwError ? error.exitCode : ExitCode.verdictFailed;
}
