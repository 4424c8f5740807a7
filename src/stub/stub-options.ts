import type { RequestHandler } from 'msw';
import { SmsgwError } from '../errors';
import { stubDefaults } from './defaults';
import type { Fault } from '../scenario/fault-schema';

export interface StubOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
  /** Webhook route. Default `/webhook`. */
  readonly path?: string;
  /** Applied per request, in order (outages by their window). Default none. */
  readonly faults?: readonly Fault[];
  /** HMAC secret for `X-Signature`; null or absent: signatures are not checked. */
  readonly secret?: string | null;
  /** SQLite file of the ledger. Default `:memory:`. */
  readonly ledgerPath?: string;
  /** Seed of the PRNG that decides rate faults. Default 1. */
  readonly seed?: number;
  /** A hanging request is dropped after this many ms. Default 5 min. */
  readonly hangCapMs?: number;
  /**
   * A module exporting the user's msw request handlers (`loadUserHandlers`), loaded by the stub's own
   * thread before it listens: handlers are functions, which no message between threads can carry.
   * Default none.
   */
  readonly handlersFile?: string | null;
  /** The error of a handlers module that cannot be used: `bad-scenario` for a scenario's, else `bad-option`; both exit 2. */
  readonly handlersErrorCode?: 'bad-scenario' | 'bad-option';
}

/** A stub on the calling thread (`smsgw stub`, the stub's own thread) takes the handlers themselves. */
export interface InThreadStubOptions extends Omit<StubOptions, 'handlersFile' | 'handlersErrorCode'> {
  /**
   * The user's msw request handlers (`loadUserHandlers`), offered every request before the built-in
   * ones (the faults, then the webhook). Default none.
   */
  readonly handlers?: readonly RequestHandler[];
}

export type ResolvedStubOptions = {
  readonly [K in keyof InThreadStubOptions]-?: Exclude<InThreadStubOptions[K], undefined>;
};

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Fills in defaults and checks every option, reporting all problems at once. */
export function resolveStubOptions(options: InThreadStubOptions): ResolvedStubOptions {
  const resolved: ResolvedStubOptions = {
    port: options.port ?? stubDefaults.port,
    host: options.host ?? stubDefaults.host,
    path: options.path ?? stubDefaults.path,
    faults: options.faults ?? [],
    secret: options.secret ?? null,
    ledgerPath: options.ledgerPath ?? stubDefaults.ledgerPath,
    seed: options.seed ?? stubDefaults.seed,
    hangCapMs: options.hangCapMs ?? stubDefaults.hangCapMs,
    handlers: options.handlers ?? [],
  };
  const { port, host, path, secret, seed, hangCapMs } = resolved;
  const issues = [
    !(Number.isInteger(port) && port >= 0 && port <= 65535) &&
      `Expected \`port\` to be an integer from 0 to 65535, got ${describe(port)}`,
    host === '' && 'Expected `host` to be a host name or address, got ""',
    !path.startsWith('/') && `Expected \`path\` to start with "/", got ${describe(path)}`,
    path.startsWith(stubDefaults.controlPrefix) &&
      `Expected \`path\` to be outside ${stubDefaults.controlPrefix}, got ${describe(path)}`,
    secret === '' && 'Expected `secret` to be a non-empty string or null, got ""',
    !Number.isInteger(seed) && `Expected \`seed\` to be an integer, got ${describe(seed)}`,
    !(Number.isFinite(hangCapMs) && hangCapMs >= 0) &&
      `Expected \`hangCapMs\` to be a non-negative number, got ${describe(hangCapMs)}`,
  ].filter((issue): issue is string => typeof issue === 'string');
  if (issues.length === 1) throw new SmsgwError('bad-option', issues[0]!);
  if (issues.length > 1) throw new SmsgwError('bad-option', `${issues.length} stub options are invalid`, { issues });
  return resolved;
}
