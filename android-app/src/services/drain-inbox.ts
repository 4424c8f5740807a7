// Moves SMS from the native inbox into the engine. A row is acknowledged (deleted natively) only
// after enqueue() resolved, i.e. after the engine committed it; a crash in between re-drains it and
// the same captureSeq gives the same messageId, so nothing is lost and nothing doubles.
import { EngineError, type Engine } from '../engine';
import type { InboundSms } from '../engine/types';
import type { InboxRow, NativeInbox } from './native-ports';

export interface DrainInboxResult {
  /** New messages stored. */
  readonly created: number;
  /** Rows acknowledged (created + already stored by an earlier, interrupted drain). */
  readonly acknowledged: number;
  /** Rows the engine refused as malformed; left in the inbox for a person to look at. */
  readonly invalid: number;
}

/**
 * The native side joined the PDUs already; the engine wants parts, so the body travels as part 1 of
 * `parts` with empty followers, which keeps the real part count in the stored message and the payload.
 */
export function toInboundSms(row: InboxRow): InboundSms {
  const total = Math.max(1, Math.floor(row.parts));
  const parts = [{ body: row.body, index: 1, total }];
  for (let index = 2; index <= total; index++) parts.push({ body: '', index, total });
  return {
    sender: row.sender,
    parts,
    smscTimestamp: row.smscTimestamp,
    simSlot: row.simSlot,
    captureSeq: row.id,
    subscriptionId: row.subscriptionId ?? null,
    receivedOn: row.receivedOn ?? null,
  };
}

export async function drainInbox(
  inbox: NativeInbox,
  engine: Pick<Engine, 'enqueue'>,
  batchSize: number,
): Promise<DrainInboxResult> {
  let created = 0;
  let acknowledged = 0;
  const skipped = new Set<number>();
  // A row seen again after its acknowledgement means the native delete did not happen: stop, do not spin.
  const done = new Set<number>();
  // Ends: every round acknowledges or skips each row it reads, and neither set is read again.
  for (;;) {
    const rows = (await inbox.pending(batchSize + skipped.size)).filter(
      (row) => !skipped.has(row.id) && !done.has(row.id),
    );
    if (rows.length === 0) break;
    const stored: number[] = [];
    try {
      for (const row of rows) {
        try {
          if ((await engine.enqueue(toInboundSms(row))).created) created++;
          stored.push(row.id);
        } catch (error) {
          // A malformed row would block the inbox forever; anything else (database) stops the drain.
          if (!(error instanceof EngineError && error.code === 'invalid-sms')) throw error;
          skipped.add(row.id);
        }
      }
    } finally {
      // What was committed is acknowledged even when a later row failed.
      if (stored.length > 0) {
        await inbox.acknowledge(stored);
        acknowledged += stored.length;
        for (const id of stored) done.add(id);
      }
    }
  }
  return { created, acknowledged, invalid: skipped.size };
}
