// The engine's public shapes: what goes in (an SMS), what is stored (a message), what comes out (health).

export type MessageStatus = 'pending' | 'sending' | 'retrying' | 'delivered' | 'failed';

export type ErrorCategory =
  'network' | 'http-transient' | 'http-rejected' | 'configuration' | 'permissions' | 'database' | 'unknown';

/** One PDU's worth of an inbound SMS, as the radio (or the console) hands it over. */
export interface SmsPart {
  readonly body: string;
  /** 1-based position in a concatenated SMS; 1 for a single-part SMS. */
  readonly index: number;
  /** Number of parts of the concatenated SMS; 1 for a single-part SMS. */
  readonly total: number;
}

/** An inbound SMS as captured, before it is stored. */
export interface InboundSms {
  readonly sender: string;
  /** All parts of one SMS, in any order; joined by `index` before enqueue. */
  readonly parts: readonly SmsPart[];
  /** SMSC timestamp (ms since epoch); the capture time when the network gives none. */
  readonly smscTimestamp: number;
  /** 0-based SIM slot. */
  readonly simSlot: number;
  /**
   * The capture layer's own sequence number for this SMS (the native inbox row id), so that
   * re-processing one capture yields the same messageId. The engine allocates one when absent.
   */
  readonly captureSeq?: number;
  /**
   * The Android subscription (SIM profile) id the SMS came in on, where the receiver knew it: unlike
   * the slot, it stays with the SIM when the SIM moves. Not part of the messageId.
   */
  readonly subscriptionId?: number | null;
  /** The phone number the SMS was sent to (the receiving SIM's own number), where the phone could read it. */
  readonly receivedOn?: string | null;
}

export interface EnqueueResult {
  readonly messageId: string;
  /** False when this capture was already stored (same messageId): nothing new was written. */
  readonly created: boolean;
}

export interface StoredMessage {
  readonly id: number;
  readonly messageId: string;
  readonly sender: string;
  readonly body: string;
  readonly parts: number;
  readonly receivedAt: number;
  readonly simSlot: number;
  readonly seq: number;
  readonly status: MessageStatus;
  readonly attempts: number;
  /** When it may be claimed next; while `sending`, the moment its lease expires. */
  readonly nextAttemptAt: number;
  readonly leaseUntil: number | null;
  readonly lastError: string | null;
  readonly lastErrorCategory: ErrorCategory | null;
  readonly httpStatus: number | null;
  readonly deliveredAt: number | null;
  /** When the engine stored it (the device's clock, ms since epoch); ages and latency count from here. */
  readonly createdAt: number;
  /** createdAt → server 2xx, ms; null until delivered. */
  readonly latencyMs: number | null;
  /** See InboundSms; null (or absent) when the receiver did not know it. */
  readonly subscriptionId?: number | null;
  readonly receivedOn?: string | null;
}

/** The JSON body of every webhook POST (docs/architecture.md, "The wire contract"). */
export interface WebhookPayload {
  readonly messageId: string;
  readonly from: string;
  readonly text: string;
  /** ISO 8601. */
  readonly receivedAt: string;
  readonly simSlot: number;
  readonly parts: number;
  readonly deviceId: string;
  readonly seq: number;
  /** Optional: only when the phone's receiver knew them (absent on the virtual device). */
  readonly subscriptionId?: number;
  readonly receivedOn?: string;
}

export type BreakerState = 'closed' | 'open' | 'half-open';
export type OverallStatus = 'healthy' | 'degraded' | 'down';

/** Health, computed from SQL aggregates at the moment it is asked for. */
export interface Health {
  readonly status: OverallStatus;
  readonly reasons: readonly string[];
  readonly queueSize: number;
  readonly pending: number;
  readonly retrying: number;
  readonly sending: number;
  readonly failed: number;
  readonly delivered: number;
  readonly deliveredToday: number;
  readonly totalToday: number;
  /** Delivered / (delivered + failed) over the last 24 h, 0..1; null with nothing finished. */
  readonly successRate24h: number | null;
  /** Age of the oldest undelivered message, ms; 0 when the queue is empty. */
  readonly oldestPendingAgeMs: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly lastError: { readonly message: string; readonly category: ErrorCategory; readonly at: number } | null;
  readonly network: 'online' | 'offline';
  readonly dispatcherRunning: boolean;
  readonly paused: { readonly reason: string; readonly category: ErrorCategory } | null;
  readonly lastRunAt: number | null;
  readonly breaker: BreakerState;
  readonly generatedAt: number;
  /** Set while the app cannot receive SMS (permission revoked): messages already stored still flow. */
  readonly receiverPaused: { readonly reason: string; readonly category: ErrorCategory } | null;
  /** POSTs in flight in this process right now. */
  readonly inFlight: number;
  /** Failed (dead-lettered) in the last 24 h, the count behind the "failed recently" reason. */
  readonly failed24h: number;
  /**
   * Messages given up on: dead-lettered because their retry budget ran out (`maxAttempts`, or
   * `maxAgeMs` since they were stored), not because the server refused them. Counted as it happens,
   * so neither a replay nor the retention sweep lowers it.
   */
  readonly gaveUp: number;
}
