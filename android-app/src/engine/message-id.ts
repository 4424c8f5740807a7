// The idempotency key: the same capture always yields the same id, two captures never share one.
import { sha256Hex } from './sha256';

export interface MessageIdInput {
  readonly deviceId: string;
  readonly sender: string;
  readonly smscTimestamp: number;
  readonly simSlot: number;
  readonly body: string;
  readonly seq: number;
  /** Whether `seq` came from the capture layer or from the engine's counter: the two never collide. */
  readonly seqSource: 'capture' | 'engine';
}

/** 32 hex characters (128 bits) of SHA-256 over the fields, JSON-encoded so no separator is ambiguous. */
export function computeMessageId(input: MessageIdInput): string {
  const key = JSON.stringify([
    input.deviceId,
    input.sender,
    input.smscTimestamp,
    input.simSlot,
    sha256Hex(input.body),
    input.seqSource,
    input.seq,
  ]);
  return sha256Hex(key).slice(0, 32);
}
