// The dispatcher: event driven, never polling. It wakes on enqueue, on a finished send, on network
// regained, on a work window opening (Doze) and on one timer armed for the next due moment; it claims
// under a mutex and sends with bounded concurrency, only while a work window is open.
import { Mutex } from 'async-mutex';
import { claimDue, claimProbe, type ClaimOptions } from './claim-messages';
import { CircuitBreaker } from './circuit-breaker';
import { webhookUrlProblem, type EngineConfig } from './config';
import { breakerProbeShare } from './defaults';
import { withDbRetry, type DbRetryOptions } from './db-retry';
import type { MessageRow } from './message-row';
import type { Clock, HttpTransport, Logger, NetworkStatus, Random, SqlDb, WorkWindows } from './ports';
import { countUnfinished, expediteNetworkRetries, nextDueAt, pruneFinished } from './queue-queries';
import { sendOne } from './send-one';
import type { SendOutcome } from './classify';
import { categorizeError } from './classify';
import { DrainWaiters } from './drain-waiters';
import type { ErrorCategory } from './types';
import { WakeTimer } from './wake-timer';
import type { Writes } from './write-batcher';

export interface DispatcherDeps {
  readonly db: SqlDb;
  /** The engine's group commit: claims and outcomes share transactions with enqueues. */
  readonly writes: Writes;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly network: NetworkStatus;
  readonly logger: Logger;
  readonly random: Random;
  /** Doze's maintenance windows: nothing is claimed while closed. */
  readonly windows: WorkWindows;
  /** This engine's lease-owner name, unique per process. */
  readonly owner: string;
  /** Read on every use, so configure() takes effect without a restart. */
  readonly config: () => EngineConfig;
}

export interface Reason {
  readonly reason: string;
  readonly category: ErrorCategory;
}

export interface InternalError {
  readonly message: string;
  readonly category: ErrorCategory;
  readonly at: number;
}

export class Dispatcher {
  readonly breaker: CircuitBreaker;
  private readonly deps: DispatcherDeps;
  private readonly claims = new Mutex();
  /** Keyed by launch, not message: a stuck send whose lease ran out may be re-claimed beside itself. */
  private readonly sends = new Map<number, Promise<void>>();
  /** Messages a server's Retry-After holds: row id → when their wait ends (send-one.ts writes it). */
  private readonly askedWaits = new Map<number, number>();
  /**
   * POSTs not yet answered. A slot frees when the answer arrives, not when its outcome is committed,
   * so the next claim can share the outcome's transaction (one fsync for both).
   */
  private postingCount = 0;
  /**
   * The last claim round stopped for want of slots, not of messages: a freed slot must claim again.
   * When it found fewer than it asked for, a freed slot need not (an enqueue or the timer wakes us),
   * which saves a commit per message at a steady rate.
   */
  private backlog = false;
  private launches = 0;
  private readonly drains: DrainWaiters;
  private readonly timer: WakeTimer;
  private started = false;
  private pauseReason: Reason | null = null;
  /** A pause asked for by a person (pause()), which only resume() lifts; a configuration change does not. */
  private handPaused = false;
  /**
   * A pause a send's answer caused: when one message may recheck the webhook, and how many rechecks
   * paused again (each doubles the wait). Null for a pause by hand or for an unusable URL.
   */
  private recheck: { readonly at: number; readonly failed: number } | null = null;
  private recheckInFlight = false;
  private fillQueued = false;
  private readonly unsubscribes: (() => void)[] = [];
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private internalError: InternalError | null = null;

  constructor(deps: DispatcherDeps) {
    this.deps = deps;
    const config = deps.config();
    this.breaker = new CircuitBreaker({
      threshold: config.breakerThreshold,
      probeBaseMs: config.breakerProbeBaseMs,
      maxProbeDelayMs: config.maxBackoffMs,
      probeShare: breakerProbeShare,
      random: deps.random,
    });
    this.timer = new WakeTimer(deps.clock, () => {
      this.wake();
      void this.drains.check();
    });
    this.drains = new DrainWaiters(
      deps.clock,
      () => countUnfinished(deps.db),
      (error) => this.recordInternal('drain check', error),
    );
  }

  get running(): boolean {
    return this.started;
  }
  get paused(): Reason | null {
    return this.pauseReason;
  }
  get pausedByHand(): boolean {
    return this.handPaused;
  }
  get inFlight(): number {
    return this.postingCount;
  }
  get lastInternalError(): InternalError | null {
    return this.internalError;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribes.push(
      this.deps.network.subscribe((online) => {
        if (online) void this.onOnline();
      }),
      // Work held back by Doze resumes as the maintenance window opens.
      this.deps.windows.subscribe((open) => {
        if (open) this.wake();
      }),
    );
    this.wake();
  }

  /** Stops claiming, lets every send in flight finish and record its outcome, then resolves. */
  async stop(): Promise<void> {
    this.started = false;
    this.timer.clear();
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await this.claims.waitForUnlock();
    while (this.sends.size > 0) await Promise.allSettled([...this.sends.values()]);
  }

  pause(reason: string, category: ErrorCategory, byHand = false): void {
    if (this.pauseReason?.reason !== reason) this.deps.logger.warn('dispatcher paused', { reason, category });
    this.pauseReason = { reason, category };
    this.handPaused = byHand;
    if (byHand) this.recheck = null;
    this.timer.clear();
  }

  resume(): void {
    if (this.pauseReason) this.deps.logger.info('dispatcher resumed', { was: this.pauseReason.reason });
    this.pauseReason = null;
    this.handPaused = false;
    this.recheck = null;
    this.wake();
  }

  /**
   * A send's answer says the configuration is wrong (a redirect, rejected credentials, an untrusted
   * certificate): pause, and let one message recheck the webhook later, since the fault may be fixed
   * on the server's side. A send that was already in flight when the pause began keeps the schedule;
   * a recheck that pauses again doubles the wait. A pause by hand stays one.
   */
  private pauseFromSend(reason: string, wasRecheck: boolean): void {
    if (this.handPaused) return;
    const config = this.deps.config();
    if (wasRecheck || this.recheck === null) {
      const failed = wasRecheck && this.recheck !== null ? this.recheck.failed + 1 : 0;
      this.recheck = { at: this.deps.clock.now() + this.recheckDelayMs(failed, config), failed };
    }
    this.pause(reason, 'configuration');
    this.timer.armAt(this.recheck.at, config.maxTimerMs);
  }

  /** Equal jitter, as the breaker's probe: never "immediately", and phones paused together spread out. */
  private recheckDelayMs(failed: number, config: EngineConfig): number {
    const step = Math.min(config.maxBackoffMs, config.pauseRecheckBaseMs * 2 ** Math.min(failed, 52));
    return Math.floor(step / 2 + (this.deps.random.next() * step) / 2);
  }

  /** While paused by a send: once the recheck is due, one message goes to the webhook. */
  private async recheckIfDue(config: EngineConfig): Promise<void> {
    const recheck = this.recheck;
    if (recheck === null || this.handPaused || this.recheckInFlight) return;
    // The network coming back and a work window opening wake us again.
    if (!this.deps.network.isOnline() || !this.deps.windows.isOpen()) return;
    const { clock, writes, owner, db } = this.deps;
    const now = clock.now();
    if (now < recheck.at) return this.timer.armAt(recheck.at, config.maxTimerMs);
    try {
      const claim = { limit: 1, nowMs: now, leaseMs: config.leaseMs, owner };
      const [row] = await withDbRetry('claim', () => writes.submit((tx) => claimDue(tx, claim)), this.dbRetry(config));
      if (row !== undefined) {
        this.recheckInFlight = true;
        this.launch(row, false, true);
        return;
      }
      // Nothing due now: the next enqueue rechecks, or the first retry that falls due.
      const due = await nextDueAt(db);
      if (due !== null) this.timer.armAt(due, config.maxTimerMs);
    } catch (error) {
      this.recordInternal('recheck claim', error);
      this.timer.armAt(now + config.retryBaseMs.database, config.maxTimerMs);
    }
  }

  /** A recheck's answer: anything but another configuration fault lifts the pause it was sent for. */
  private recheckDone(outcome: SendOutcome | null): void {
    this.recheckInFlight = false;
    if (this.handPaused || this.pauseReason?.category !== 'configuration') return;
    if (outcome !== null && outcome.kind !== 'pause') return this.resume();
    const config = this.deps.config();
    if (outcome === null) {
      // The send failed inside the engine (the database): recheck again after the same wait.
      const failed = this.recheck?.failed ?? 0;
      this.recheck = { at: this.deps.clock.now() + this.recheckDelayMs(failed, config), failed };
    }
    // A claim round while the recheck was out cleared the timer; the pause armed the next recheck's time.
    if (this.recheck !== null) this.timer.armAt(this.recheck.at, config.maxTimerMs);
  }

  /**
   * Asks for a claim round. Coalesced: one round waiting behind the mutex is enough. None while every
   * slot is busy and the last round said so (backlog): the POST that frees a slot wakes us, and
   * a saturated dispatcher does not run an empty round per enqueue.
   */
  wake(): void {
    if (!this.started || this.fillQueued) return;
    if (this.backlog && this.postingCount >= this.deps.config().concurrency) return;
    this.fillQueued = true;
    this.claims
      .runExclusive(async () => {
        this.fillQueued = false;
        await this.fill();
      })
      .catch((error: unknown) => this.recordInternal('claim round', error));
  }

  private async onOnline(): Promise<void> {
    try {
      const expedited = await expediteNetworkRetries(this.deps.db, this.deps.clock.now());
      if (expedited > 0) this.deps.logger.info('network back: retrying now', { expedited });
    } catch (error) {
      this.recordInternal('expedite retries', error);
    }
    this.wake();
  }

  /** Resolves true once nothing is pending, retrying or sending; false when `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    this.wake();
    return this.drains.wait(timeoutMs);
  }

  private async fill(): Promise<void> {
    if (!this.started) return;
    this.timer.clear();
    const { clock, network, owner } = this.deps;
    const config = this.deps.config();
    const urlProblem = webhookUrlProblem(config.webhookUrl);
    if (urlProblem !== null) {
      if (this.pauseReason === null) this.pause(urlProblem, 'configuration');
      return;
    }
    if (this.pauseReason !== null) return this.recheckIfDue(config);
    if (!network.isOnline()) return;
    if (!this.deps.windows.isOpen()) return this.armForNextWindow(config);
    try {
      await this.pruneIfDue(config);
      for (;;) {
        const now = clock.now();
        const slots = this.breaker.slots(now, config.concurrency - this.postingCount);
        this.backlog = true;
        if (slots <= 0) break;
        const claim = { limit: slots, nowMs: now, leaseMs: config.leaseMs, owner };
        if (this.breaker.state(now) === 'half-open') {
          // Launched, the probe takes the one slot the breaker gives, and the next turn stops.
          if (await this.launchProbe(claim, config)) continue;
          this.backlog = false;
          break;
        }
        const rows = await withDbRetry(
          'claim',
          () => this.deps.writes.submit((tx) => claimDue(tx, claim)),
          this.dbRetry(config),
        );
        for (const row of rows) this.launch(row, this.breaker.takeProbe(now));
        if (rows.length < slots) this.backlog = false;
        if (rows.length < slots || !this.started || this.pauseReason !== null || !this.deps.windows.isOpen()) break;
      }
      await this.armTimer(config);
    } catch (error) {
      // The database refused even after retries: try again after a moment, never give up.
      this.recordInternal('claim', error);
      this.timer.armAt(clock.now() + config.retryBaseMs.database, config.maxTimerMs);
    }
  }

  /**
   * The breaker's probe: a due message if there is one, else the retry due soonest, early (the breaker's
   * pace, not the message's backoff, decides when a server that is down is asked). False when the queue
   * holds nothing to carry it.
   */
  private async launchProbe(claim: ClaimOptions, config: EngineConfig): Promise<boolean> {
    const probe = await withDbRetry(
      'claim',
      () => this.deps.writes.submit((tx) => claimProbe(tx, claim, this.askedWaits)),
      this.dbRetry(config),
    );
    if (probe === null) return false;
    this.launch(probe.row, this.breaker.takeProbe(claim.nowMs), false, probe.earlyOfDueAt);
    return true;
  }

  private launch(row: MessageRow, isProbe: boolean, isRecheck = false, earlyOfDueAt: number | null = null): void {
    const deps = this.deps;
    const launch = ++this.launches;
    // Claimed: whatever the server asked it to wait for is over.
    this.askedWaits.delete(row.id);
    this.postingCount++;
    let posting = true;
    const posted = (): void => {
      if (!posting) return;
      posting = false;
      this.postingCount--;
      if (this.backlog) this.wake();
    };
    const done = sendOne(
      row,
      isProbe,
      {
        ...deps,
        config: deps.config(),
        breaker: this.breaker,
        online: () => deps.network.isOnline(),
        pause: (reason) => this.pauseFromSend(reason, isRecheck),
        posted,
        outageEnded: (brought) => {
          if (brought > 0) deps.logger.info('webhook back: retrying what the outage held', { brought });
          // Waits already over (of messages since given up, say) no longer hold anything.
          const now = deps.clock.now();
          for (const [id, until] of this.askedWaits) if (until <= now) this.askedWaits.delete(id);
          this.wake();
        },
        askedWaits: this.askedWaits,
      },
      earlyOfDueAt,
    )
      // A retry may be due before the timer the posted() round armed, if its write had to wait out a busy database.
      .then(
        (outcome) => (isRecheck ? this.recheckDone(outcome) : void (outcome.kind === 'retry' && this.wake())),
        (error: unknown) => {
          if (isRecheck) this.recheckDone(null);
          this.recordInternal(`send ${row.message_id}`, error);
        },
      )
      .finally(() => {
        posted();
        this.sends.delete(launch);
        void this.drains.check();
      });
    this.sends.set(launch, done);
  }

  /** Outside a work window: wake when the next one opens, if the platform says when (it also tells by subscribe). */
  private armForNextWindow(config: EngineConfig): void {
    const opensAt = this.deps.windows.nextOpenAt();
    if (opensAt !== null) this.timer.armAt(opensAt, config.maxTimerMs);
  }

  private async armTimer(config: EngineConfig): Promise<void> {
    if (!this.started || this.pauseReason !== null || !this.deps.network.isOnline()) return;
    if (!this.deps.windows.isOpen()) return this.armForNextWindow(config);
    // Decided before the query as well, which would otherwise run on every enqueue of a saturated dispatcher.
    if (this.timerUseless(this.deps.clock.now(), config)) return;
    const due = await nextDueAt(this.deps.db);
    if (due === null) return; // an enqueue will wake us
    const now = this.deps.clock.now();
    if (this.breaker.state(now) === 'open') {
      // The probe goes at the breaker's time, early for a message not yet due if need be.
      this.timer.armAt(this.breaker.probeAt ?? due, config.maxTimerMs);
    } else if (!this.timerUseless(now, config)) {
      this.timer.armAt(due, config.maxTimerMs);
    }
  }

  /** Every slot is busy (or the probe is out) and no probe time awaits: a finishing send wakes us. */
  private timerUseless(now: number, config: EngineConfig): boolean {
    return this.breaker.state(now) !== 'open' && this.breaker.slots(now, config.concurrency - this.postingCount) <= 0;
  }

  private async pruneIfDue(config: EngineConfig): Promise<void> {
    const now = this.deps.clock.now();
    if (now - this.lastPruneAt < config.pruneIntervalMs) return;
    this.lastPruneAt = now;
    const pruned = await pruneFinished(this.deps.db, now - config.retentionMs, now);
    if (pruned > 0) this.deps.logger.info('pruned finished messages', { pruned });
  }

  private dbRetry(config: EngineConfig): DbRetryOptions {
    return {
      attempts: config.dbRetryAttempts,
      delayMs: config.dbRetryDelayMs,
      clock: this.deps.clock,
      logger: this.deps.logger,
    };
  }

  private recordInternal(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    this.internalError = { message, category: categorizeError(error), at: this.deps.clock.now() };
    this.deps.logger.error('dispatcher error', { error: message });
  }
}
