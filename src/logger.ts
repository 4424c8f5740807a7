// One logger shape for the whole harness: `getLogger('stub')` gives the stub's named logger, which
// writes one line per event to stderr (`<time> <level> smsgw:stub <message> {fields}`). Its methods are
// the engine's `Logger` port, so the virtual device hands the same object to the engine it runs.
import type { Logger } from '../android-app/src/engine/ports';

export type { Logger };

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Where log lines go: stderr, unless a test or a command passes its own. */
export interface LogSink {
  write(line: string): unknown;
}

let threshold: LogLevel = readLevel(process.env['SMSGW_LOG_LEVEL']);

function readLevel(value: string | undefined): LogLevel {
  return logLevels.find((level) => level === value) ?? 'info';
}

/** Sets the level below which no logger writes (`--verbose` sets `debug`); `SMSGW_LOG_LEVEL` sets the first one. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** The named logger of a stage (`device`, `stub`, `run`…); `minimum` overrides the shared level for this one. */
export function getLogger(name: string, options: { sink?: LogSink; minimum?: LogLevel } = {}): Logger {
  const { sink = process.stderr, minimum } = options;
  const write = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (logLevels.indexOf(level) < logLevels.indexOf(minimum ?? threshold)) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    sink.write(`${new Date().toISOString()} ${level} smsgw:${name} ${message}${extra}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Logs an error a stage caught and carried on from: its message, never a stack (unless `debug`). */
export function logCaught(logger: Logger, what: string): (error: unknown) => void {
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`${what}: ${message}`);
    if (error instanceof Error && error.stack) logger.debug(error.stack);
  };
}
