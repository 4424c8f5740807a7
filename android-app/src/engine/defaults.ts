// Every tunable number of the engine, with its unit in its name, so no reader has to guess ms or s.
import type { ErrorCategory } from './types';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const TIME = { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS } as const;

/** Categories whose messages are retried, and the first backoff step of each. */
export type RetryableCategory = Extract<ErrorCategory, 'network' | 'http-transient' | 'database' | 'unknown'>;

export const engineDefaults = {
  /**
   * Sent as `User-Agent: smsgw-gateway/<version>`. The app and the virtual device pass the version of
   * their package (package.json, its one home); an engine nobody versioned says so.
   */
  version: 'dev',
  /**
   * POSTs in flight at once. 32, not 8: every answer's outcome and the next claim are committed
   * (one fsync) before a slot sends again, so slots are what lets commits carry many messages.
   * Measured draining 3,000 SMS to a bare server on one loaded machine: 8 → 152/s and
   * 1,129 commits; 32 → 421/s and 384 commits, half the CPU per message.
   */
  concurrency: 32,
  /** How long a claim holds a message; must outlive `requestTimeoutMs` so a slow send is never re-sent. */
  leaseMs: 60 * SECOND_MS,
  /** Timeout of one webhook POST, connect to last byte. */
  requestTimeoutMs: 15 * SECOND_MS,
  /** Attempts before a message is dead-lettered (`failed`). */
  maxAttempts: 50,
  /** Age (since enqueue) after which a message is dead-lettered instead of retried. */
  maxAgeMs: 3 * DAY_MS,
  /** First backoff step per category; it doubles per attempt, with full jitter. */
  retryBaseMs: {
    network: 5 * SECOND_MS,
    'http-transient': 10 * SECOND_MS,
    database: 1 * SECOND_MS,
    unknown: 15 * SECOND_MS,
  } satisfies Record<RetryableCategory, number>,
  /** Ceiling of one backoff step (a server's Retry-After may ask for longer and is obeyed). */
  maxBackoffMs: 15 * MINUTE_MS,
  /**
   * First step of a retry while the server answers others (the circuit breaker closed): a failure
   * then is chance, not an outage, so the message comes back within seconds, the step doubling per
   * attempt with full jitter up to `quickRetryCapMs`. Against a server failing 45 % of requests at
   * random, the outage's backoff (10 s doubling to 15 min) left SMS waiting minutes after every
   * other request had gone through.
   */
  quickRetryBaseMs: 1 * SECOND_MS,
  /** Ceiling of that step: a server that recovers is sent the messages it failed within this long. */
  quickRetryCapMs: 5 * SECOND_MS,
  /**
   * Attempts a message gets quick retries for. One that fails more often while the server answers
   * others is refused for what it is (16 failures in a row are one in 350,000 at 45 % random
   * failures), so it backs off as in an outage and its 50 attempts last hours, as they always did, not
   * minutes.
   */
  quickRetryAttempts: 15,
  /** Floor of a jittered delay: full jitter may draw 0, and a 0 ms retry loop helps nobody. */
  minRetryDelayMs: 500,
  /** Consecutive transient failures (network, http-transient) that open the circuit breaker. */
  breakerThreshold: 5,
  /**
   * Shortest step of an open breaker before its probe (equal jitter: the probe goes after half to all
   * of it). A longer outage waits longer: a quarter of the outage so far (`breakerProbeShare`), capped
   * by `maxBackoffMs`.
   */
  breakerProbeBaseMs: 5 * SECOND_MS,
  /**
   * First wait of a queue paused by a send (a redirect, rejected credentials, an untrusted
   * certificate) before one message rechecks the webhook; doubles per recheck that pauses again,
   * capped by `maxBackoffMs`. So a fault fixed on the server's side lifts the pause without a person
   * touching the phone, at the cost of one POST a step.
   */
  pauseRecheckBaseMs: 5 * SECOND_MS,
  /** In-engine retries of a statement that hit SQLITE_BUSY / SQLITE_FULL before giving up. */
  dbRetryAttempts: 5,
  /** Pause between those retries. */
  dbRetryDelayMs: 200,
  /** Rows kept in the error log (the last errors, for health and the app's error screen). */
  errorLogSize: 100,
  /** Delivered and failed messages older than this are deleted, so the phone's disk does not fill. */
  retentionMs: 14 * DAY_MS,
  /** How often the retention sweep may run. */
  pruneIntervalMs: 1 * HOUR_MS,
  /** Queue size above which health says `degraded`. */
  degradedQueueSize: 100,
  /** 24 h success rate below which health says `degraded`, 0..1. */
  degradedSuccessRate: 0.95,
  /** Longest single timer; longer waits re-arm, which keeps clear of setTimeout's 2^31 ms limit. */
  maxTimerMs: 1 * HOUR_MS,
} as const;

/**
 * An open breaker's probe step as a share of the outage so far (since it opened from closed): a server
 * that comes back is found within a quarter of the time it was down, at least every
 * `breakerProbeBaseMs`, at most every `maxBackoffMs`. Doubling per failed probe, as before, could wait
 * as long again as the outage had lasted (a 30 s outage, up to 40 s more). Over 3 days it sends about
 * as many probes as doubling did (some 400, most at the 15 min cap), and a probe that carries a message
 * before its own backoff has it due is not counted against it (claimProbe, recordEarlyProbeFailed).
 */
export const breakerProbeShare = 0.25;

/**
 * Most writes (SMS, outcomes, claims) one group-commit transaction takes. 512 SMS insert in a few
 * ms, so the write lock is never held long; a deeper backlog simply takes the next transaction.
 */
export const maxWriteBatch = 512;
