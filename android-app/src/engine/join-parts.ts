// Multipart SMS arrive as separate PDUs, in any order; the server must see one message.
import { EngineError } from './engine-error';
import type { SmsPart } from './types';

export interface JoinedSms {
  readonly body: string;
  readonly parts: number;
}

/**
 * Joins parts by `index`. Tolerates any order and an exact duplicate PDU (radios resend); rejects
 * parts that disagree on `total`, a missing or out-of-range index, or one index with two bodies.
 */
export function joinParts(parts: readonly SmsPart[]): JoinedSms {
  const first = parts[0];
  if (!first) throw new EngineError('invalid-sms', 'Expected at least one SMS part, got none');
  const total = first.total;
  if (!Number.isInteger(total) || total < 1) {
    throw new EngineError('invalid-sms', `Expected part \`total\` to be a positive integer, got ${String(total)}`);
  }
  const bodies = new Map<number, string>();
  for (const part of parts) {
    if (part.total !== total) {
      throw new EngineError('invalid-sms', `Inconsistent multipart SMS: parts say total ${total} and ${part.total}`);
    }
    if (!Number.isInteger(part.index) || part.index < 1 || part.index > total) {
      throw new EngineError('invalid-sms', `Expected part \`index\` between 1 and ${total}, got ${String(part.index)}`);
    }
    if (typeof part.body !== 'string') {
      throw new EngineError(
        'invalid-sms',
        `Expected part ${part.index} \`body\` to be a string, got ${typeof part.body}`,
      );
    }
    const seen = bodies.get(part.index);
    if (seen !== undefined && seen !== part.body) {
      throw new EngineError(
        'invalid-sms',
        `Inconsistent multipart SMS: part ${part.index} arrived twice with different text`,
      );
    }
    bodies.set(part.index, part.body);
  }
  const missing: number[] = [];
  let body = '';
  for (let index = 1; index <= total; index++) {
    const text = bodies.get(index);
    if (text === undefined) missing.push(index);
    else body += text;
  }
  if (missing.length > 0) {
    throw new EngineError('invalid-sms', `Incomplete multipart SMS: missing part(s) ${missing.join(', ')} of ${total}`);
  }
  return { body, parts: total };
}
