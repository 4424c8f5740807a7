// A Logger port for commands: one line per event on stderr, structured fields as JSON.
import type { Logger } from '../../android-app/src/engine/ports';

const levels = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof levels)[number];

export function stderrLogger(minimum: Level): Logger {
  const threshold = levels.indexOf(minimum);
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (levels.indexOf(level) < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${extra}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
