// One named logger for the app (STYLE: one logger per package); logcat shows it as ReactNativeJS.
import type { Logger } from '../engine';

const line = (message: string, fields?: Record<string, unknown>) =>
  fields ? `[smsgw] ${message} ${JSON.stringify(fields)}` : `[smsgw] ${message}`;

export const consoleLogger: Logger = {
  debug: () => {}, // the engine logs every claim at debug: too chatty for logcat
  info: (message, fields) => console.info(line(message, fields)),
  warn: (message, fields) => console.warn(line(message, fields)),
  error: (message, fields) => console.error(line(message, fields)),
};
