// The app's named loggers, the same shape as the harness's: `getLogger('task')` gives the headless
// task's logger, whose lines read `smsgw:task <message> {fields}` in logcat (tag ReactNativeJS, which
// adds the time and the level). Its methods are the engine's `Logger` port, so the engine takes one too.
import type { Logger } from '../engine';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

const print: Record<LogLevel, (line: string) => void> = {
  debug: (line) => console.debug(line),
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

/**
 * The named logger of a part of the app (`engine`, `task`…). Below `minimum` nothing is written; the
 * default, `info`, leaves out the engine's debug lines (one per claim: too chatty for logcat).
 */
export function getLogger(name: string, options: { minimum?: LogLevel } = {}): Logger {
  const minimum = logLevels.indexOf(options.minimum ?? 'info');
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (logLevels.indexOf(level) < minimum) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    print[level](`smsgw:${name} ${message}${extra}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
