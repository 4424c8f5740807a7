// How an SMS is encoded and how many parts it takes (3GPP TS 23.038 / 23.040).
import { septetCost } from './gsm7';

export type SmsEncoding = 'gsm-7' | 'ucs-2';

/** Whether every character is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (septetCost(char) === null) return false;
  return true;
}

/** One PDU's text and its place in a concatenated SMS (structurally the engine's SmsPart). */
export interface SmsPartText {
  readonly body: string;
  /** 1-based. */
  readonly index: number;
  readonly total: number;
}

/** Septets per single SMS and per part of a concatenated one (the UDH takes 7 septets). */
const GSM_SINGLE = 160;
const GSM_PART = 153;
/** UTF-16 code units per single SMS and per part for UCS-2. */
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/**
 * Splits `text` into the parts a network delivers: GSM-7 when it can, UCS-2 otherwise. The virtual
 * device's "radio" uses it, so the engine's multipart join runs on every long SMS as on a phone.
 */
export function splitIntoParts(text: string): SmsPartText[] {
  const gsm = isGsm7(text);
  const cost = (char: string): number => (gsm ? septetCost(char)! : char.length);
  let total = 0;
  for (const char of text) total += cost(char);
  if (total <= (gsm ? GSM_SINGLE : UCS2_SINGLE)) return [{ body: text, index: 1, total: 1 }];

  const limit = gsm ? GSM_PART : UCS2_PART;
  const bodies: string[] = [];
  let current = '';
  let used = 0;
  // By code point: an emoji's surrogate pair and an extension character's escape stay in one part.
  for (const char of text) {
    const size = cost(char);
    if (used + size > limit) {
      bodies.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += size;
  }
  if (current) bodies.push(current);
  return bodies.map((body, position) => ({ body, index: position + 1, total: bodies.length }));
}

/** Encoding, and how many parts the text takes. */
export function smsParts(text: string): { readonly encoding: SmsEncoding; readonly parts: number } {
  return { encoding: isGsm7(text) ? 'gsm-7' : 'ucs-2', parts: splitIntoParts(text).length };
}
