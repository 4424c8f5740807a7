// One message, one POST, one recorded outcome: forward, classify, then let the category decide.
import { backoffDelayMs } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import { classifyResult, type SendOutcome } from './classify';
import type { EngineConfig } from './config';
import { withDbRetry } from './db-retry';
import { buildWebhookRequest } from './forwarder';
import { toStoredMessage, type MessageRow } from './message-row';
import type { Clock, HttpTransport, Logger, Random, TransportResult } from './ports';
import { recordDelivered, recordRejected, recordReleased, recordRetry } from './record-outcome';
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

/** Sends a claimed message and records the outcome. Resolves once the outcome is committed. */
export async function sendOne(row: MessageRow, isProbe: boolean, context: SendContext): Promise<SendOutcome> {
  const { writes, clock, logger, config, breaker, owner } = context;
  const result = await post(context.transport, row, config, clock.now());
  const now = clock.now();
  const outcome = classifyResult(result, now);
  const retry = { attempts: config.dbRetryAttempts, delayMs: config.dbRetryDelayMs, clock, logger };
  const fields = { messageId: row.message_id, attempt: row.attempts };
  switch (outcome.kind) {
    case 'delivered': {
      breaker.record('success', now, isProbe);
      context.posted();
      await withDbRetry(
        'record delivery',
        () => writes.submit((tx) => recordDelivered(tx, row, outcome.httpStatus, now)),
        retry,
      );
      logger.debug('delivered', { ...fields, httpStatus: outcome.httpStatus });
      break;
    }
    case 'retry': {
      const transient = (outcome.category === 'network' && context.online()) || outcome.category === 'http-transient';
      breaker.record(transient ? 'transient-failure' : 'neutral', now, isProbe, outcome.retryAfterMs);
      const delayMs = backoffDelayMs({
        attempt: row.attempts,
        baseMs: config.retryBaseMs[outcome.category],
        capMs: config.maxBackoffMs,
        minMs: config.minRetryDelayMs,
        retryAfterMs: outcome.retryAfterMs,
        random: context.random,
      });
      context.posted();
      const status = await withDbRetry(
        'record retry',
        () =>
          writes.submit((tx) =>
            recordRetry(tx, {
              row,
              owner,
              nowMs: now,
              category: outcome.category,
              error: outcome.error,
              httpStatus: outcome.httpStatus,
              errorLogSize: config.errorLogSize,
              nextAttemptAt: now + delayMs,
              maxAttempts: config.maxAttempts,
              maxAgeMs: config.maxAgeMs,
            }),
          ),
        retry,
      );
      if (status === 'failed') logger.warn('dead-lettered after retries', { ...fields, error: outcome.error });
      else
        logger.info('send failed, will retry', {
          ...fields,
          category: outcome.category,
          error: outcome.error,
          delayMs,
        });
      break;
    }
    case 'reject': {
      // The server answered, so it is up: for the breaker this counts as a success.
      breaker.record('success', now, isProbe);
      context.posted();
      await withDbRetry(
        'record rejection',
        () =>
          writes.submit((tx) =>
            recordRejected(tx, {
              row,
              owner,
              nowMs: now,
              category: outcome.category,
              error: outcome.error,
              httpStatus: outcome.httpStatus,
              errorLogSize: config.errorLogSize,
            }),
          ),
        retry,
      );
      logger.warn('rejected by the server, not retried', { ...fields, error: outcome.error });
      break;
    }
    case 'pause': {
      breaker.record('neutral', now, isProbe);
      context.pause(outcome.error);
      context.posted();
      await withDbRetry(
        'release message',
        () =>
          writes.submit((tx) =>
            recordReleased(tx, {
              row,
              owner,
              nowMs: now,
              category: outcome.category,
              error: outcome.error,
              httpStatus: outcome.httpStatus,
              errorLogSize: config.errorLogSize,
            }),
          ),
        retry,
      );
      break;
    }
  }
  return outcome;
}
