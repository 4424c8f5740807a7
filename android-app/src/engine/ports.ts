// The engine talks to the world only through these ports: op-sqlite / fetch / NetInfo on the phone,
// better-sqlite3 / got / a switch in the virtual device, fakes in tests.

export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlParams = readonly SqlValue[];

export interface RunResult {
  readonly changes: number;
}

/** A SQLite connection. Each call is one statement; `transaction` runs statements atomically. */
export interface SqlDb {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  all<Row = Record<string, SqlValue>>(sql: string, params?: SqlParams): Promise<Row[]>;
  /** Runs `work` inside BEGIN IMMEDIATE … COMMIT; rolls back if it throws. Not re-entrant. */
  transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What came back from one POST: a tagged union, never a throw. */
export type TransportResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /**
       * The URL the answer came from, set only when the platform's HTTP client followed a redirect by
       * itself (React Native's fetch on Android: OkHttp turns the POST into a GET on 301/302). The
       * answer is then the other URL's, never a delivery to the webhook.
       */
      readonly redirectedTo?: string;
    }
  | {
      readonly kind: 'network-error';
      /**
       * ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, ABORTED, CERT_…, CLEARTEXT_NOT_PERMITTED (plain http
       * the platform refuses), or the platform's code.
       */
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly kind: 'invalid-request';
      /** The URL or a header could not be used at all: a configuration problem, not a network one. */
      readonly message: string;
    };

export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

export interface HttpTransport {
  post(request: HttpRequest): Promise<TransportResult>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * The time the world outside agrees on, for what the device stamps on the wire (`X-Timestamp`,
   * which the server checks against its own clock); default `now()`. Only a device clock run faster
   * than the wall clock (the virtual device's `clock: 100x`) tells the two apart.
   */
  wallNow?(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls `listener` whenever connectivity changes; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * When the platform lets the app's background work run. In Doze, Android runs an app's jobs, alarms
 * and network only in short maintenance windows; the dispatcher sends and retries only while a window
 * is open and resumes at the next one. Receiving is not background work: an SMS broadcast is
 * high-priority, so it is stored whenever it comes. On the phone the OS enforces Doze itself (always
 * open here); the virtual device models it.
 */
export interface WorkWindows {
  /** True while background work may run. */
  isOpen(): boolean;
  /** While closed, when the next window opens on the engine's clock; null when unknown (`subscribe` tells). */
  nextOpenAt(): number | null;
  /** Calls `listener` whenever a window opens (true) or closes (false); returns the unsubscribe function. */
  subscribe(listener: (open: boolean) => void): () => void;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Source of randomness (backoff jitter), injectable so a test can replay a failure. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

/**
 * Runs `callback` a little later: the group commit starts there, so the writes arriving meanwhile
 * share its transaction. Node's setImmediate waits for the I/O already pending (every socket's
 * lines, every HTTP answer), which makes the biggest batches; the default is a microtask.
 */
export type Defer = (callback: () => void) => void;

export const microtask: Defer = (callback) => void Promise.resolve().then(callback);

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const mathRandom: Random = { next: () => Math.random() };

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const alwaysOnline: NetworkStatus = { isOnline: () => true, subscribe: () => () => {} };

export const alwaysOpen: WorkWindows = { isOpen: () => true, nextOpenAt: () => null, subscribe: () => () => {} };
