// createEngine: wires the ports, the store and the dispatcher into the API the virtual device and
// the React Native app call.
import { resolveConfig, webhookUrlProblem, type EngineConfig, type EngineConfigInput } from './config';
import { withDbRetry } from './db-retry';
import { Dispatcher, type Reason } from './dispatcher';
import { prepareSms, storeSms } from './enqueue-sms';
import { maxWriteBatch } from './defaults';
import { EngineError } from './engine-error';
import { computeHealth } from './health';
import { migrate } from './migrate';
import { alwaysOnline, mathRandom, microtask, silentLogger, systemClock } from './ports';
import type { Clock, Defer, HttpTransport, Logger, NetworkStatus, Random, SqlDb } from './ports';
import { listErrors, listMessages, replayFailed, type ListMessagesOptions, type LoggedError } from './queue-queries';
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

/** Validates the configuration, migrates the schema, and returns a gateway that is not yet started. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { db, transport } = options;
  const clock = options.clock ?? systemClock;
  const network = options.network ?? alwaysOnline;
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? mathRandom;
  let config = resolveConfig(options.config);
  let receiverPaused: Reason | null = null;
  await migrate(db);

  // Unique per engine instance, so a second process on the same file never mistakes our lease for its own.
  const owner = `${config.deviceId}/${clock.now().toString(36)}-${Math.floor(random.next() * 2 ** 32).toString(36)}`;
  const writes = new WriteBatcher(db, maxWriteBatch, options.defer ?? microtask);
  const dispatcher = new Dispatcher({
    db,
    writes,
    transport,
    clock,
    network,
    logger,
    random,
    owner,
    config: () => config,
  });
  const dbRetry = () => ({ attempts: config.dbRetryAttempts, delayMs: config.dbRetryDelayMs, clock, logger });

  return {
    get config() {
      return config;
    },
    async enqueue(sms) {
      let result: EnqueueResult;
      try {
        const prepared = prepareSms(sms);
        const stored = withDbRetry(
          'enqueue',
          () => writes.submit((tx) => storeSms(tx, prepared, config.deviceId, clock.now())),
          dbRetry(),
        );
        // Woken now, the dispatcher's claim usually joins the very transaction that stores this SMS:
        // one fsync between the SMS arriving and its POST leaving.
        dispatcher.wake();
        result = await stored;
      } catch (error) {
        if (error instanceof EngineError || categorizeError(error) !== 'database') throw error;
        // The receiver must know the SMS is not stored, so it keeps it and tries again.
        throw new EngineError(
          'database',
          `Could not store the SMS: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      if (result.created) dispatcher.wake();
      return result;
    },
    health() {
      const nowMs = clock.now();
      return computeHealth(
        db,
        {
          nowMs,
          online: network.isOnline(),
          running: dispatcher.running,
          paused: dispatcher.paused,
          receiverPaused,
          breaker: dispatcher.breaker.state(nowMs),
          inFlight: dispatcher.inFlight,
          lastInternalError: dispatcher.lastInternalError,
        },
        config,
      );
    },
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    drain: (timeoutMs) => dispatcher.drain(timeoutMs),
    wake: () => dispatcher.wake(),
    pause: (reason) => dispatcher.pause(reason, 'configuration', true),
    resume: () => dispatcher.resume(),
    pauseReceiver(reason) {
      receiverPaused = { reason, category: 'permissions' };
      logger.warn('receiver paused', { reason });
    },
    resumeReceiver() {
      receiverPaused = null;
    },
    configure(patch) {
      config = resolveConfig({ ...config, ...patch, retryBaseMs: { ...config.retryBaseMs, ...patch.retryBaseMs } });
      // Whatever was wrong with the configuration may be fixed now: try again (a bad one pauses again).
      const paused = dispatcher.paused;
      if (
        paused?.category === 'configuration' &&
        !dispatcher.pausedByHand &&
        webhookUrlProblem(config.webhookUrl) === null
      ) {
        dispatcher.resume();
      }
    },
    async replayFailed(messageIds) {
      const replayed = await replayFailed(db, clock.now(), messageIds);
      if (replayed > 0) dispatcher.wake();
      return replayed;
    },
    listMessages: (listOptions) => listMessages(db, listOptions),
    listErrors: (limit) => listErrors(db, limit),
  };
}
