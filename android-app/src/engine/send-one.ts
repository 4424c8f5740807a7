// One message, one POST, one recorded outcome: forward, classify, then let the category decide.
import { retryDelayMs } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import { classifyResult, type SendOutcome } from './classify';
import type { EngineConfig } from './config';
import { withDbRetry } from './db-retry';
import { buildWebhookRequest } from './forwarder';
import { toStoredMessage, type MessageRow } from './message-row';
import type { Clock, HttpTransport, Logger, Random, SqlDb, TransportResult } from './ports';
import { bringRetriesForward } from './queue-queries';
import {
  recordDelivered,
  recordEarlyProbeFailed,
  recordRejected,
  recordReleased,
  recordRetry,
  type FailureWrite,
} from './record-outcome';
import type { Writes } from './write-batcher';

export interface SendContext {
  /** Outcomes are written through the group commit, beside other sends' outcomes and the next claim. */
  readonly writes: Writes;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random: Random;
  readonly owner: string;
  readonly config: EngineConfig;
  readonly breaker: CircuitBreaker;
  /** Whether the device has a network now: failures while offline say nothing about the server. */
  readonly online: () => boolean;
  /** Stops all claims: called before the message is handed back, so no other send repeats the mistake. */
  readonly pause: (reason: string) => void;
  /** The POST is over (its outcome not yet recorded): its slot may take the next message. */
  readonly posted: () => void;
  /** An answer ended an outage, and the messages it held (`brought` of them) are due now: claim them. */
  readonly outageEnded: (brought: number) => void;
  /**
   * The messages a server's Retry-After holds (row id → when their wait ends), which the end of an
   * outage does not bring forward. Written here, pruned by the dispatcher as it claims them.
   */
  readonly askedWaits: Map<number, number>;
}

async function post(
  transport: HttpTransport,
  message: MessageRow,
  config: EngineConfig,
  nowMs: number,
): Promise<TransportResult> {
  try {
    return await transport.post(buildWebhookRequest(toStoredMessage(message), config, nowMs));
  } catch (error) {
    // Transports promise never to throw; one that does gets the benefit of the doubt (retry).
    const code =
      typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'TRANSPORT_THREW';
    return { kind: 'network-error', code, message: error instanceof Error ? error.message : String(error) };
  }
}

type Outcome<Kind extends SendOutcome['kind']> = Extract<SendOutcome, { kind: Kind }>;

/** A message whose POST is over: what each outcome's step records. */
interface Sent {
  readonly row: MessageRow;
  /** When the answer (or the failure) came. */
  readonly nowMs: number;
  readonly isProbe: boolean;
  /** A probe that carried the message before its own time: when that time was. */
  readonly earlyOfDueAt: number | null;
  readonly context: SendContext;
}

/** Commits `write` through the group commit, retried while the database is busy. */
function commit<T>(what: string, { context }: Sent, write: (tx: SqlDb) => Promise<T>): Promise<T> {
  const { writes, config, clock, logger } = context;
  const retry = { attempts: config.dbRetryAttempts, delayMs: config.dbRetryDelayMs, clock, logger };
  return withDbRetry(what, () => writes.submit(write), retry);
}

function failureWrite(
  { row, nowMs, context }: Sent,
  outcome: Exclude<SendOutcome, { kind: 'delivered' }>,
): FailureWrite {
  return {
    row,
    owner: context.owner,
    nowMs,
    category: outcome.category,
    error: outcome.error,
    httpStatus: outcome.httpStatus,
    errorLogSize: context.config.errorLogSize,
  };
}

const logFields = ({ row }: Sent) => ({ messageId: row.message_id, attempt: row.attempts });

/**
 * Records an answer that shows the server up. If it ended an outage, every message the outage held is
 * brought forward in the same commit (never before a server's Retry-After), and the dispatcher told.
 */
async function recordAnswered(sent: Sent, what: string, write: (tx: SqlDb) => Promise<unknown>): Promise<void> {
  const { nowMs, context } = sent;
  const outageSince = context.breaker.record('success', nowMs, sent.isProbe);
  context.posted();
  // Held: whatever was tried during the outage, or was in flight as it began (claimed within a lease).
  const heldSince = outageSince === null ? null : outageSince - context.config.leaseMs;
  const brought = await commit(what, sent, async (tx) => {
    await write(tx);
    return heldSince === null ? 0 : bringRetriesForward(tx, nowMs, heldSince, context.askedWaits);
  });
  if (heldSince !== null) context.outageEnded(brought);
}

async function recordDelivery(sent: Sent, outcome: Outcome<'delivered'>): Promise<void> {
  const { row, nowMs, context } = sent;
  await recordAnswered(sent, 'record delivery', (tx) => recordDelivered(tx, row, outcome.httpStatus, nowMs));
  context.logger.debug('delivered', { ...logFields(sent), httpStatus: outcome.httpStatus });
}

/** The breaker, having counted this failure, says how long the message waits (backoff.ts says why). */
function nextRetryDelayMs({ row, nowMs, context }: Sent, outcome: Outcome<'retry'>, transient: boolean): number {
  const { config, breaker } = context;
  return retryDelayMs({
    attempt: row.attempts,
    serverAnswering: transient && breaker.state(nowMs) === 'closed',
    retryAfterMs: outcome.retryAfterMs,
    baseMs: config.retryBaseMs[outcome.category],
    capMs: config.maxBackoffMs,
    minMs: config.minRetryDelayMs,
    quickBaseMs: config.quickRetryBaseMs,
    quickCapMs: config.quickRetryCapMs,
    quickAttempts: config.quickRetryAttempts,
    random: context.random,
  });
}

async function scheduleRetry(sent: Sent, outcome: Outcome<'retry'>): Promise<void> {
  const { nowMs, context } = sent;
  const { config, logger } = context;
  // Only what the server can be blamed for counts against it: a network failure while online, a transient answer.
  const transient = (outcome.category === 'network' && context.online()) || outcome.category === 'http-transient';
  context.breaker.record(transient ? 'transient-failure' : 'neutral', nowMs, sent.isProbe, outcome.retryAfterMs);
  if (sent.earlyOfDueAt !== null) {
    context.posted();
    return putBackEarlyProbe(sent, outcome, sent.earlyOfDueAt);
  }
  const delayMs = nextRetryDelayMs(sent, outcome, transient);
  context.posted();
  if (outcome.retryAfterMs !== null) context.askedWaits.set(sent.row.id, nowMs + delayMs);
  const status = await commit('record retry', sent, (tx) =>
    recordRetry(tx, {
      ...failureWrite(sent, outcome),
      nextAttemptAt: nowMs + delayMs,
      maxAttempts: config.maxAttempts,
      maxAgeMs: config.maxAgeMs,
    }),
  );
  const fields = logFields(sent);
  if (status === 'failed') logger.warn('dead-lettered after retries', { ...fields, error: outcome.error });
  else logger.info('send failed, will retry', { ...fields, category: outcome.category, error: outcome.error, delayMs });
}

/** An early probe failed: the message keeps its own time (or the server's Retry-After, if later), uncounted. */
async function putBackEarlyProbe(sent: Sent, outcome: Outcome<'retry'>, dueAt: number): Promise<void> {
  const backAt = Math.max(dueAt, sent.nowMs + (outcome.retryAfterMs ?? 0), sent.nowMs);
  if (outcome.retryAfterMs !== null) sent.context.askedWaits.set(sent.row.id, backAt);
  await commit('record probe', sent, (tx) => recordEarlyProbeFailed(tx, failureWrite(sent, outcome), backAt));
  sent.context.logger.info('probe failed, the webhook is still down', { ...logFields(sent), error: outcome.error });
}

async function deadLetter(sent: Sent, outcome: Outcome<'reject'>): Promise<void> {
  const { context } = sent;
  // The server answered, so it is up: for the breaker this counts as a success.
  await recordAnswered(sent, 'record rejection', (tx) => recordRejected(tx, failureWrite(sent, outcome)));
  context.logger.warn('rejected by the server, not retried', { ...logFields(sent), error: outcome.error });
}

async function pauseAndRelease(sent: Sent, outcome: Outcome<'pause'>): Promise<void> {
  const { context } = sent;
  context.breaker.record('neutral', sent.nowMs, sent.isProbe);
  context.pause(outcome.error);
  context.posted();
  await commit('release message', sent, (tx) => recordReleased(tx, failureWrite(sent, outcome)));
}

/**
 * Sends a claimed message and records the outcome. Resolves once the outcome is committed.
 * `earlyOfDueAt`: the message rides a probe before its own time, which it keeps if the probe fails.
 */
export async function sendOne(
  row: MessageRow,
  isProbe: boolean,
  context: SendContext,
  earlyOfDueAt: number | null = null,
): Promise<SendOutcome> {
  const { clock } = context;
  const wallNow = (): number => clock.wallNow?.() ?? clock.now();
  // Signed with the wall clock's time, which the server checks its freshness against.
  const result = await post(context.transport, row, context.config, wallNow());
  const nowMs = clock.now();
  // A Retry-After date is the server's clock too: the wait is counted from its time, then kept on ours.
  const outcome = classifyResult(result, wallNow());
  const sent: Sent = { row, nowMs, isProbe, earlyOfDueAt, context };
  switch (outcome.kind) {
    case 'delivered':
      await recordDelivery(sent, outcome);
      break;
    case 'retry':
      await scheduleRetry(sent, outcome);
      break;
    case 'reject':
      await deadLetter(sent, outcome);
      break;
    case 'pause':
      await pauseAndRelease(sent, outcome);
      break;
  }
  return outcome;
}
