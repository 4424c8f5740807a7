// The messages table's row shape and its mapping to the public StoredMessage.
import type { ErrorCategory, MessageStatus, StoredMessage } from './types';

export interface MessageRow {
  id: number;
  message_id: string;
  sender: string;
  body: string;
  parts: number;
  received_at: number;
  sim_slot: number;
  seq: number;
  created_at: number;
  retry_since: number;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  last_attempt_at: number | null;
  last_error: string | null;
  last_error_category: ErrorCategory | null;
  http_status: number | null;
  delivered_at: number | null;
  completed_at: number | null;
  latency_ms: number | null;
  subscription_id: number | null;
  received_on: string | null;
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    sender: row.sender,
    body: row.body,
    parts: row.parts,
    receivedAt: row.received_at,
    simSlot: row.sim_slot,
    seq: row.seq,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    lastErrorCategory: row.last_error_category,
    httpStatus: row.http_status,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    latencyMs: row.latency_ms,
    subscriptionId: row.subscription_id,
    receivedOn: row.received_on,
  };
}
