// Matches every SMS the harness injected to what the stub server accepted. The device mints its own
// messageIds, so the link is the content: (sender, text) pairs, matched as multisets in time order.
import type { AcceptedMessage } from '../stub/index';

/** One SMS the device acknowledged on its console. */
export interface Injection {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  /** When the `sms send` line was written, ms since the epoch. */
  readonly injectedAt: number;
}

/** One idempotency key the server accepted (a row of the stub's ledger). */
export type Acceptance = AcceptedMessage;

export interface TracedMessage {
  readonly injection: Injection;
  readonly acceptance: Acceptance | null;
  /** Injection to first 2xx, ms; null when never accepted. */
  readonly latencyMs: number | null;
}

export interface TraceResult {
  readonly messages: readonly TracedMessage[];
  /** Injected but never accepted. */
  readonly lost: number;
  /** Accepted under a second key (or never injected at all): the server would act twice. */
  readonly duplicates: number;
  /** Accepted again under the same key, deduped by the server. */
  readonly redeliveries: number;
  readonly delivered: number;
  readonly latenciesMs: readonly number[];
  /** Acceptances that match no injection at all (count also in `duplicates`). */
  readonly strays: readonly Acceptance[];
  /** In-doubt SMS (sent, never answered) that the server accepted once: fine either way. */
  readonly inDoubtDelivered: number;
}

const keyOf = (sender: string, text: string): string => `${sender}\u0000${text}`;

/**
 * Links injections to acceptances. `inDoubt` SMS (the console died before answering) may be accepted
 * once or not at all; only a second acceptance of one of them is a duplicate.
 */
export function traceDeliveries(injections: readonly Injection[], accepted: Iterable<Acceptance>, inDoubt: readonly Injection[] = []): TraceResult {
  const acceptedByKey = new Map<string, Acceptance[]>();
  const strays: Acceptance[] = [];
  const injectedKeys = new Set([...injections, ...inDoubt].map((injection) => keyOf(injection.sender, injection.text)));
  let redeliveries = 0;
  for (const acceptance of accepted) {
    redeliveries += Math.max(0, acceptance.acceptedCount - 1);
    const key = keyOf(acceptance.from, acceptance.text);
    if (!injectedKeys.has(key)) {
      strays.push(acceptance);
      continue;
    }
    const bucket = acceptedByKey.get(key);
    if (bucket) bucket.push(acceptance);
    else acceptedByKey.set(key, [acceptance]);
  }
  for (const bucket of acceptedByKey.values()) bucket.sort((a, b) => a.firstAcceptedAt - b.firstAcceptedAt);

  const cursor = new Map<string, number>();
  const messages: TracedMessage[] = [];
  const latenciesMs: number[] = [];
  let lost = 0;
  for (const injection of [...injections].sort((a, b) => a.injectedAt - b.injectedAt || a.index - b.index)) {
    const key = keyOf(injection.sender, injection.text);
    const position = cursor.get(key) ?? 0;
    cursor.set(key, position + 1);
    const acceptance = acceptedByKey.get(key)?.[position] ?? null;
    if (!acceptance) {
      lost += 1;
      messages.push({ injection, acceptance: null, latencyMs: null });
      continue;
    }
    const latencyMs = Math.max(0, acceptance.firstAcceptedAt - injection.injectedAt);
    latenciesMs.push(latencyMs);
    messages.push({ injection, acceptance, latencyMs });
  }
  messages.sort((a, b) => a.injection.index - b.injection.index);

  const inDoubtByKey = new Map<string, number>();
  for (const injection of inDoubt) {
    const key = keyOf(injection.sender, injection.text);
    inDoubtByKey.set(key, (inDoubtByKey.get(key) ?? 0) + 1);
  }
  let duplicates = strays.length;
  let inDoubtDelivered = 0;
  for (const [key, bucket] of acceptedByKey) {
    const extra = Math.max(0, bucket.length - (cursor.get(key) ?? 0));
    const excused = Math.min(extra, inDoubtByKey.get(key) ?? 0);
    inDoubtDelivered += excused;
    duplicates += extra - excused;
  }

  return { messages, lost, duplicates, redeliveries, delivered: latenciesMs.length, latenciesMs, strays, inDoubtDelivered };
}
