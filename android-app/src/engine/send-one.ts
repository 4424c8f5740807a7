// One message, one POST, one recorded outcome: forward, classify, then let the category decide.
import { backoffDelayMs } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import { classifyResult, type SendOutcome } from './classify';
import type { EngineConfig } from './config';
import { withDbRetry } from './db-retry';
import { buildWebhookRequest } from './forwarder';
import { toStoredMessage, type MessageRow } from './message-row';
import type { Clock, HttpTransport, Logger, Random, SqlDb, TransportResult } from './ports';
import { recordDelivered, recordRejected, recordReleased, recordRetry, type FailureWrite } from './record-outcome';
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

async function recordDelivery(sent: Sent, outcome: Outcome<'delivered'>): Promise<void> {
  const { row, nowMs, context } = sent;
  context.breaker.record('success', nowMs, sent.isProbe);
  context.posted();
  await commit('record delivery', sent, (tx) => recordDelivered(tx, row, outcome.httpStatus, nowMs));
  context.logger.debug('delivered', { ...logFields(sent), httpStatus: outcome.httpStatus });
}

function retryDelayMs({ row, context }: Sent, outcome: Outcome<'retry'>): number {
  const { config } = context;
  return backoffDelayMs({
    attempt: row.attempts,
    baseMs: config.retryBaseMs[outcome.category],
    capMs: config.maxBackoffMs,
    minMs: config.minRetryDelayMs,
    retryAfterMs: outcome.retryAfterMs,
    random: context.random,
  });
}

async function scheduleRetry(sent: Sent, outcome: Outcome<'retry'>): Promise<void> {
  const { nowMs, context } = sent;
  const { config, logger } = context;
  // Only what the server can be blamed for counts against it: a network failure while online, a transient answer.
  const transient = (outcome.category === 'network' && context.online()) || outcome.category === 'http-transient';
  context.breaker.record(transient ? 'transient-failure' : 'neutral', nowMs, sent.isProbe, outcome.retryAfterMs);
  const delayMs = retryDelayMs(sent, outcome);
  context.posted();
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

async function deadLetter(sent: Sent, outcome: Outcome<'reject'>): Promise<void> {
  const { context } = sent;
  // The server answered, so it is up: for the breaker this counts as a success.
  context.breaker.record('success', sent.nowMs, sent.isProbe);
  context.posted();
  await commit('record rejection', sent, (tx) => recordRejected(tx, failureWrite(sent, outcome)));
  context.logger.warn('rejected by the server, not retried', { ...logFields(sent), error: outcome.error });
}

async function pauseAndRelease(sent: Sent, outcome: Outcome<'pause'>): Promise<void> {
  const { context } = sent;
  context.breaker.record('neutral', sent.nowMs, sent.isProbe);
  context.pause(outcome.error);
  context.posted();
  await commit('release message', sent, (tx) => recordReleased(tx, failureWrite(sent, outcome)));
}

/** Sends a claimed message and records the outcome. Resolves once the outcome is committed. */
export async function sendOne(row: MessageRow, isProbe: boolean, context: SendContext): Promise<SendOutcome> {
  const { clock } = context;
  const wallNow = (): number => clock.wallNow?.() ?? clock.now();
  // Signed with the wall clock's time, which the server checks its freshness against.
  const result = await post(context.transport, row, context.config, wallNow());
  const nowMs = clock.now();
  // A Retry-After date is the server's clock too: the wait is counted from its time, then kept on ours.
  const outcome = classifyResult(result, wallNow());
  const sent: Sent = { row, nowMs, isProbe, context };
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
