// The one error the engine throws on purpose. It cannot reuse src/errors.ts (SmsgwError): the engine
// ships inside the app, which must not import the harness.
import type { ErrorCategory } from './types';

export type EngineErrorCode =
  /** The SMS handed to enqueue() cannot be stored as one message (bad parts, missing sender…). */
  | 'invalid-sms'
  /** An option passed to createEngine() or configure() is out of range. */
  | 'invalid-config'
  /** The database kept failing (busy, full) after the engine's own retries. */
  | 'database'
  /** The engine was stopped; it accepts no more work until start(). */
  | 'stopped';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** How the dispatcher would classify this failure. */
  readonly category: ErrorCategory;

  constructor(code: EngineErrorCode, message: string, options: { category?: ErrorCategory; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.category = options.category ?? (code === 'database' ? 'database' : 'configuration');
  }
}
