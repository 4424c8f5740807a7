// Durable before acknowledged: the SMS is committed (synchronous=FULL) before the promise resolves.
import { EngineError } from './engine-error';
import { joinParts } from './join-parts';
import { computeMessageId } from './message-id';
import type { SqlDb } from './ports';
import type { EnqueueResult, InboundSms } from './types';

/** JavaScript's Date range: anything outside cannot become the payload's ISO `receivedAt`. */
const MAX_DATE_MS = 8.64e15;

function validate(sms: InboundSms): void {
  if (typeof sms.sender !== 'string' || sms.sender.trim() === '') {
    throw new EngineError(
      'invalid-sms',
      `Expected \`sender\` to be a non-empty string, got ${JSON.stringify(sms.sender)}`,
    );
  }
  if (!Number.isInteger(sms.simSlot) || sms.simSlot < 0) {
    throw new EngineError(
      'invalid-sms',
      `Expected \`simSlot\` to be a non-negative integer, got ${String(sms.simSlot)}`,
    );
  }
  if (!Number.isFinite(sms.smscTimestamp) || Math.abs(sms.smscTimestamp) > MAX_DATE_MS) {
    throw new EngineError(
      'invalid-sms',
      `Expected \`smscTimestamp\` to be ms since the epoch, got ${String(sms.smscTimestamp)}`,
    );
  }
  if (sms.captureSeq !== undefined && !Number.isSafeInteger(sms.captureSeq)) {
    throw new EngineError('invalid-sms', `Expected \`captureSeq\` to be an integer, got ${String(sms.captureSeq)}`);
  }
}

/** Longest receiving number kept: a phone number is far shorter; anything longer is not one. */
const MAX_NUMBER_CHARS = 64;

/**
 * The receiving SIM's details, kept only when well formed: they describe the SMS and never decide
 * whether it is stored, so a malformed one is dropped rather than the SMS refused.
 */
function receivingSim(sms: InboundSms): { subscriptionId: number | null; receivedOn: string | null } {
  const { subscriptionId, receivedOn } = sms;
  return {
    subscriptionId:
      typeof subscriptionId === 'number' && Number.isSafeInteger(subscriptionId) && subscriptionId >= 0
        ? subscriptionId
        : null,
    receivedOn:
      typeof receivedOn === 'string' && receivedOn.trim() !== '' && receivedOn.length <= MAX_NUMBER_CHARS
        ? receivedOn.trim()
        : null,
  };
}

/** A validated SMS, its parts joined: what `storeSms` writes. */
export interface PreparedSms {
  readonly sms: InboundSms;
  readonly body: string;
  readonly parts: number;
}

/** Validates and joins the parts; throws `invalid-sms` for an SMS that can never be stored. */
export function prepareSms(sms: InboundSms): PreparedSms {
  validate(sms);
  return { sms, ...joinParts(sms.parts) };
}

/**
 * Writes one prepared SMS inside the caller's transaction. Allocates `seq` from the device counter
 * when the capture has none. Re-storing the same capture (same captureSeq) is a no-op: created false.
 */
export async function storeSms(
  tx: SqlDb,
  prepared: PreparedSms,
  deviceId: string,
  nowMs: number,
): Promise<EnqueueResult> {
  const { sms, body, parts } = prepared;
  let seq = sms.captureSeq;
  if (seq === undefined) {
    // Two statements, not UPDATE … RETURNING: RETURNING costs SQLite ~28 µs a call, these ~1.3 µs
    // together. The write transaction holds the lock, so nobody takes a seq in between.
    await tx.run("UPDATE gateway_state SET value = value + 1 WHERE key = 'next_seq'");
    const rows = await tx.all<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'next_seq'");
    seq = Number(rows[0]?.value);
  }
  const messageId = computeMessageId({
    deviceId,
    sender: sms.sender,
    smscTimestamp: sms.smscTimestamp,
    simSlot: sms.simSlot,
    body,
    seq,
    seqSource: sms.captureSeq === undefined ? 'engine' : 'capture',
  });
  const sim = receivingSim(sms);
  const { changes } = await tx.run(
    `INSERT INTO messages (message_id, sender, body, parts, received_at, sim_slot, seq, created_at, retry_since,
       status, attempts, next_attempt_at, subscription_id, received_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
     ON CONFLICT (message_id) DO NOTHING`,
    [
      messageId,
      sms.sender,
      body,
      parts,
      sms.smscTimestamp,
      sms.simSlot,
      seq,
      nowMs,
      nowMs,
      nowMs,
      sim.subscriptionId,
      sim.receivedOn,
    ],
  );
  return { messageId, created: changes === 1 };
}

/** Stores one SMS as one message in its own transaction (the engine batches; see WriteBatcher). */
export async function enqueueSms(db: SqlDb, sms: InboundSms, deviceId: string, nowMs: number): Promise<EnqueueResult> {
  const prepared = prepareSms(sms);
  return db.transaction((tx) => storeSms(tx, prepared, deviceId, nowMs));
}
