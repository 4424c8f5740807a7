// The engine's configuration: typed once, defaults from defaults.ts, every field validated here.
import { engineDefaults, type RetryableCategory } from './defaults';
import { EngineError } from './engine-error';

export interface EngineConfig {
  /** Where messages are POSTed. Empty or malformed pauses the queue (nothing is lost). No default. */
  readonly webhookUrl: string;
  /** HMAC-SHA256 key of `X-Signature`; null or '' sends no signature. Default null. */
  readonly secret: string | null;
  /** Identifies this phone in every payload and in every messageId. No default. */
  readonly deviceId: string;
  readonly version: string;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  readonly retryBaseMs: Readonly<Record<RetryableCategory, number>>;
  readonly maxBackoffMs: number;
  readonly quickRetryBaseMs: number;
  readonly quickRetryCapMs: number;
  readonly quickRetryAttempts: number;
  readonly minRetryDelayMs: number;
  readonly breakerThreshold: number;
  readonly breakerProbeBaseMs: number;
  readonly pauseRecheckBaseMs: number;
  readonly dbRetryAttempts: number;
  readonly dbRetryDelayMs: number;
  readonly errorLogSize: number;
  readonly retentionMs: number;
  readonly pruneIntervalMs: number;
  readonly degradedQueueSize: number;
  readonly degradedSuccessRate: number;
  readonly maxTimerMs: number;
}

/** What a caller passes: the three identity fields, any default overridden. */
export type EngineConfigInput = Pick<EngineConfig, 'webhookUrl' | 'deviceId'> &
  Partial<Omit<EngineConfig, 'webhookUrl' | 'deviceId' | 'retryBaseMs'>> & {
    readonly retryBaseMs?: Partial<Record<RetryableCategory, number>>;
  };

const positiveIntegers = [
  'concurrency',
  'leaseMs',
  'requestTimeoutMs',
  'maxAttempts',
  'maxAgeMs',
  'maxBackoffMs',
  'quickRetryBaseMs',
  'quickRetryCapMs',
  'breakerThreshold',
  'breakerProbeBaseMs',
  'pauseRecheckBaseMs',
  'dbRetryAttempts',
  'errorLogSize',
  'retentionMs',
  'pruneIntervalMs',
  'maxTimerMs',
] as const;
const nonNegativeIntegers = ['minRetryDelayMs', 'dbRetryDelayMs', 'degradedQueueSize', 'quickRetryAttempts'] as const;

const isInteger = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Merges defaults and validates; throws one EngineError listing every problem. */
export function resolveConfig(input: EngineConfigInput): EngineConfig {
  const config: EngineConfig = {
    ...engineDefaults,
    secret: null,
    ...input,
    retryBaseMs: { ...engineDefaults.retryBaseMs, ...input.retryBaseMs },
  };
  const problems: string[] = [];
  for (const key of positiveIntegers) {
    if (!isInteger(config[key], 1))
      problems.push(`Expected \`${key}\` to be a positive integer, got ${String(config[key])}`);
  }
  for (const key of nonNegativeIntegers) {
    if (!isInteger(config[key], 0))
      problems.push(`Expected \`${key}\` to be a non-negative integer, got ${String(config[key])}`);
  }
  for (const [category, ms] of Object.entries(config.retryBaseMs)) {
    if (!isInteger(ms, 1))
      problems.push(`Expected \`retryBaseMs.${category}\` to be a positive integer, got ${String(ms)}`);
  }
  if (typeof config.deviceId !== 'string' || config.deviceId.trim() === '') {
    problems.push(`Expected \`deviceId\` to be a non-empty string, got ${JSON.stringify(config.deviceId)}`);
  }
  if (typeof config.webhookUrl !== 'string')
    problems.push(`Expected \`webhookUrl\` to be a string, got ${typeof config.webhookUrl}`);
  if (config.secret !== null && typeof config.secret !== 'string')
    problems.push('Expected `secret` to be a string or null');
  if (!(config.degradedSuccessRate >= 0 && config.degradedSuccessRate <= 1)) {
    problems.push(`Expected \`degradedSuccessRate\` to be between 0 and 1, got ${String(config.degradedSuccessRate)}`);
  }
  // A lease shorter than a request would let a second claim re-send a message still in flight.
  if (config.leaseMs <= config.requestTimeoutMs) {
    problems.push(
      `Expected \`leaseMs\` (${config.leaseMs}) to be longer than \`requestTimeoutMs\` (${config.requestTimeoutMs})`,
    );
  }
  if (problems.length > 0)
    throw new EngineError('invalid-config', `Invalid gateway configuration: ${problems.join('; ')}`);
  return config;
}

/**
 * Why the webhook URL cannot be used, or null when it can. A regex rather than `new URL()`: React
 * Native's URL is a partial polyfill, and this check must give the same answer on both platforms.
 */
export function webhookUrlProblem(url: string): string | null {
  if (url.trim() === '') return 'no webhook URL configured';
  if (!/^https?:\/\/[^\s/?#@]+(?:@[^\s/?#]+)?(?:[/?#]\S*)?$/i.test(url)) return `malformed webhook URL: ${url}`;
  return null;
}
