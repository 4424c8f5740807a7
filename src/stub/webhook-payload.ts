import type { WebhookPayload } from '../../android-app/src/engine/types';

// The body is the engine's wire payload (`WebhookPayload`). The stub is a little more lenient than the
// engine: it also takes `receivedAt` as epoch ms and `simSlot` as null, since it records neither and
// reads only the fields it dedupes and traces by.

export type PayloadResult = { kind: 'ok'; payload: WebhookPayload } | { kind: 'invalid'; reason: string };

type Check = (value: unknown) => boolean;
const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);

const fieldChecks: Record<keyof WebhookPayload, [Check, string]> = {
  messageId: [(value) => isString(value) && value !== '', 'a non-empty string'],
  from: [isString, 'a string'],
  text: [isString, 'a string'],
  receivedAt: [(value) => isString(value) || isNumber(value), 'a string or a number'],
  simSlot: [(value) => value === null || isNumber(value), 'a number or null'],
  parts: [(value) => Number.isInteger(value) && (value as number) >= 1, 'a positive integer'],
  deviceId: [isString, 'a string'],
  seq: [isNumber, 'a number'],
  // Optional: a phone sends them when its receiver knew them; older gateways and the virtual device do not.
  subscriptionId: [(value) => value === undefined || Number.isInteger(value), 'an integer or absent'],
  receivedOn: [(value) => value === undefined || isString(value), 'a string or absent'],
};
const checks = Object.entries(fieldChecks);

const parseObject = (raw: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

/** Longest quote of a wrong value in a reason: a megabyte of wrong `text` must not come back in the 400. */
const maxShownChars = 60;
const shown = (value: unknown): string => {
  const json = JSON.stringify(value) ?? 'nothing';
  return json.length > maxShownChars ? `${json.slice(0, maxShownChars)}… (${json.length} chars)` : json;
};

/** Validates a webhook body: every problem in one reason, so a gateway bug is fixed in one go. */
export function parseWebhookPayload(raw: string): PayloadResult {
  const body = parseObject(raw);
  if (body === null) return { kind: 'invalid', reason: 'body is not a JSON object' };
  // A plain loop: this runs for every webhook, and most bodies have no problem to collect.
  const problems: string[] = [];
  for (const [name, [check, expected]] of checks) {
    if (!check(body[name])) problems.push(`expected \`${name}\` to be ${expected}, got ${shown(body[name])}`);
  }
  if (problems.length > 0) return { kind: 'invalid', reason: problems.join('; ') };
  return { kind: 'ok', payload: body as unknown as WebhookPayload };
}

/** What the ledger records of a body, whatever its shape: faulted and rejected requests are recorded too. */
export interface PayloadGlimpse {
  readonly messageId: string | null;
  readonly from: string | null;
  readonly text: string | null;
  readonly deviceId: string | null;
  readonly seq: number | null;
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Best-effort read of the recorded fields; never throws. */
export function glimpsePayload(raw: string): PayloadGlimpse {
  const body = parseObject(raw) ?? {};
  return {
    messageId: stringOrNull(body.messageId),
    from: stringOrNull(body.from),
    text: stringOrNull(body.text),
    deviceId: stringOrNull(body.deviceId),
    seq: isNumber(body.seq) ? (body.seq as number) : null,
  };
}
