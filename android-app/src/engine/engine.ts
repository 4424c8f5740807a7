// createEngine: wires the ports, the store and the dispatcher into the API the virtual device and
// the React Native app call.
import { resolveConfig, webhookUrlProblem, type EngineConfig, type EngineConfigInput } from './config';
import { withDbRetry, type DbRetryOptions } from './db-retry';
import { Dispatcher, type Reason } from './dispatcher';
import { prepareSms, storeSms } from './enqueue-sms';
import { maxWriteBatch } from './defaults';
import { EngineError } from './engine-error';
import { computeHealth } from './health';
import { migrate } from './migrate';
import { alwaysOnline, alwaysOpen, mathRandom, microtask, silentLogger, systemClock } from './ports';
import type { Clock, Defer, HttpTransport, Logger, NetworkStatus, Random, SqlDb, WorkWindows } from './ports';
import {
  listErrors,
  listMessages,
  nextDueAt,
  replayFailed,
  retryWaitingNow,
  type ListMessagesOptions,
  type LoggedError,
} from './queue-queries';
import { categorizeError } from './classify';
import type { EnqueueResult, Health, InboundSms, StoredMessage } from './types';
import { WriteBatcher } from './write-batcher';

export interface EngineOptions {
  readonly db: SqlDb;
  readonly transport: HttpTransport;
  readonly config: EngineConfigInput;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: always online. */
  readonly network?: NetworkStatus;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Default: Math.random. */
  readonly random?: Random;
  /** When background work (sends, retries) may run, e.g. Doze's maintenance windows. Default: always. */
  readonly windows?: WorkWindows;
  /** When a group commit starts (see Defer); pass setImmediate where there is one. Default: a microtask. */
  readonly defer?: Defer;
}

export interface Engine {
  /**
   * Stores one SMS durably (committed before this resolves) and wakes the dispatcher. Calls made
   * while the database is busy share one transaction (group commit), so call it concurrently.
   */
  enqueue(sms: InboundSms): Promise<EnqueueResult>;
  health(): Promise<Health>;
  /** Starts dispatching: claims due messages now and whenever something changes. */
  start(): void;
  /** Stops claiming and waits for the sends in flight to finish and be recorded. */
  stop(): Promise<void>;
  /** True once nothing is pending, retrying or sending; false if `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Asks for a claim round now (WorkManager, a push, a test). */
  wake(): void;
  /**
   * When the dispatcher next has a message to claim: the first due one (a pending message is due at
   * once, a retry at its backoff's end), or the circuit breaker's next probe while it is open; null
   * with nothing queued. What a phone's background work waits for before it runs again.
   */
  nextDueAt(): Promise<number | null>;
  /**
   * A person asked to retry now ("Retry now"): every message waiting out a backoff is due at once,
   * and an open breaker sends its probe at once. Returns how many messages were brought forward.
   */
  retryNow(): Promise<number>;
  /** Holds the queue by hand (nothing is lost); health is `down` with this reason until resume(). */
  pause(reason: string): void;
  resume(): void;
  /** The app lost the SMS permission: health says so; messages already stored still flow. */
  pauseReceiver(reason: string): void;
  resumeReceiver(): void;
  /** Changes configuration live; a queue paused for a configuration error resumes. */
  configure(patch: Partial<EngineConfigInput>): void;
  /** Puts dead-lettered messages (all, or these messageIds) back in the queue; returns how many. */
  replayFailed(messageIds?: readonly string[]): Promise<number>;
  listMessages(options?: ListMessagesOptions): Promise<StoredMessage[]>;
  /** The error log, newest first. */
  listErrors(limit?: number): Promise<LoggedError[]>;
  readonly config: EngineConfig;
}

/** The ports an engine runs on, each defaulted. */
type EnginePorts = Pick<EngineOptions, 'db' | 'transport'> &
  Required<Pick<EngineOptions, 'clock' | 'network' | 'logger' | 'random' | 'windows'>>;

/** What changes while the engine runs: its configuration, and whether the receiver is paused. */
interface EngineState {
  config: EngineConfig;
  receiverPaused: Reason | null;
}

/** What the engine's methods share: its ports, its state, the group commit and the dispatcher. */
interface EngineParts extends EnginePorts {
  readonly state: EngineState;
  readonly writes: WriteBatcher;
  readonly dispatcher: Dispatcher;
}

function portsWithDefaults(options: EngineOptions): EnginePorts {
  return {
    db: options.db,
    transport: options.transport,
    clock: options.clock ?? systemClock,
    network: options.network ?? alwaysOnline,
    logger: options.logger ?? silentLogger,
    random: options.random ?? mathRandom,
    windows: options.windows ?? alwaysOpen,
  };
}

/** Unique per engine instance, so a second process on the same file never mistakes our lease for its own. */
function leaseOwner(deviceId: string, { clock, random }: EnginePorts): string {
  return `${deviceId}/${clock.now().toString(36)}-${Math.floor(random.next() * 2 ** 32).toString(36)}`;
}

function assemble(ports: EnginePorts, state: EngineState, defer: Defer): EngineParts {
  const owner = leaseOwner(state.config.deviceId, ports);
  const writes = new WriteBatcher(ports.db, maxWriteBatch, defer);
  const dispatcher = new Dispatcher({ ...ports, writes, owner, config: () => state.config });
  return { ...ports, state, writes, dispatcher };
}

function dbRetryOptions({ state, clock, logger }: EngineParts): DbRetryOptions {
  return { attempts: state.config.dbRetryAttempts, delayMs: state.config.dbRetryDelayMs, clock, logger };
}

/** Starts storing the SMS (through the group commit, retried while the database is busy) and wakes the dispatcher. */
function storeAndWake(parts: EngineParts, sms: InboundSms): Promise<EnqueueResult> {
  const { writes, state, clock, dispatcher } = parts;
  const prepared = prepareSms(sms);
  const stored = withDbRetry(
    'enqueue',
    () => writes.submit((tx) => storeSms(tx, prepared, state.config.deviceId, clock.now())),
    dbRetryOptions(parts),
  );
  // Woken now, the dispatcher's claim usually joins the very transaction that stores this SMS:
  // one fsync between the SMS arriving and its POST leaving.
  dispatcher.wake();
  return stored;
}

/** A database failure becomes an EngineError: the receiver must know the SMS is not stored, so it keeps it. */
function storeFailure(error: unknown): unknown {
  if (error instanceof EngineError || categorizeError(error) !== 'database') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError('database', `Could not store the SMS: ${message}`, { cause: error });
}

async function enqueue(parts: EngineParts, sms: InboundSms): Promise<EnqueueResult> {
  let result: EnqueueResult;
  try {
    result = await storeAndWake(parts, sms);
  } catch (error) {
    throw storeFailure(error);
  }
  if (result.created) parts.dispatcher.wake();
  return result;
}

function health({ db, clock, network, dispatcher, state }: EngineParts): Promise<Health> {
  const nowMs = clock.now();
  const live = {
    nowMs,
    online: network.isOnline(),
    running: dispatcher.running,
    paused: dispatcher.paused,
    receiverPaused: state.receiverPaused,
    breaker: dispatcher.breaker.state(nowMs),
    inFlight: dispatcher.inFlight,
    lastInternalError: dispatcher.lastInternalError,
  };
  return computeHealth(db, live, state.config);
}

async function nextDue({ db, clock, dispatcher }: EngineParts): Promise<number | null> {
  const due = await nextDueAt(db);
  if (due === null) return null;
  // Open, the breaker claims nothing before its probe, however overdue the messages are, and its probe
  // goes at its time even when no message is due yet (it takes the retry due soonest, early).
  const probeAt = dispatcher.breaker.state(clock.now()) === 'open' ? dispatcher.breaker.probeAt : null;
  return probeAt ?? due;
}

async function retryNow({ db, clock, dispatcher }: EngineParts): Promise<number> {
  const now = clock.now();
  dispatcher.breaker.probeNow(now);
  const brought = await retryWaitingNow(db, now);
  dispatcher.wake();
  return brought;
}

function configure({ state, dispatcher }: EngineParts, patch: Partial<EngineConfigInput>): void {
  const config = state.config;
  state.config = resolveConfig({ ...config, ...patch, retryBaseMs: { ...config.retryBaseMs, ...patch.retryBaseMs } });
  // Whatever was wrong with the configuration may be fixed now: try again (a bad one pauses again).
  const pausedForConfiguration = dispatcher.paused?.category === 'configuration' && !dispatcher.pausedByHand;
  if (pausedForConfiguration && webhookUrlProblem(state.config.webhookUrl) === null) dispatcher.resume();
}

async function replay({ db, clock, dispatcher }: EngineParts, messageIds?: readonly string[]): Promise<number> {
  const replayed = await replayFailed(db, clock.now(), messageIds);
  if (replayed > 0) dispatcher.wake();
  return replayed;
}

function engineOver(parts: EngineParts): Engine {
  const { db, dispatcher, state, logger } = parts;
  return {
    get config() {
      return state.config;
    },
    enqueue: (sms) => enqueue(parts, sms),
    health: () => health(parts),
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    drain: (timeoutMs) => dispatcher.drain(timeoutMs),
    wake: () => dispatcher.wake(),
    nextDueAt: () => nextDue(parts),
    retryNow: () => retryNow(parts),
    pause: (reason) => dispatcher.pause(reason, 'configuration', true),
    resume: () => dispatcher.resume(),
    pauseReceiver(reason) {
      state.receiverPaused = { reason, category: 'permissions' };
      logger.warn('receiver paused', { reason });
    },
    resumeReceiver() {
      state.receiverPaused = null;
    },
    configure: (patch) => configure(parts, patch),
    replayFailed: (messageIds) => replay(parts, messageIds),
    listMessages: (listOptions) => listMessages(db, listOptions),
    listErrors: (limit) => listErrors(db, limit),
  };
}

/** Validates the configuration, migrates the schema, and returns an engine that is not yet started. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const ports = portsWithDefaults(options);
  const state: EngineState = { config: resolveConfig(options.config), receiverPaused: null };
  await migrate(ports.db);
  return engineOver(assemble(ports, state, options.defer ?? microtask));
}
