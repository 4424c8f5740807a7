// The virtual device's "radio": splits a text into the PDUs a real network would deliver, so the
// engine's multipart join runs on every long SMS exactly as it does on a phone.
import type { SmsPart } from '../../../android-app/src/gateway/types';

// GSM 03.38 default alphabet and its extension table (extension characters cost two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/** Septets per single SMS and per part of a concatenated one (the UDH takes 7 septets). */
const GSM_SINGLE = 160;
const GSM_PART = 153;
/** UTF-16 code units per single SMS and per part for UCS-2. */
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

function septets(char: string): number | null {
  if (GSM_BASIC.includes(char)) return 1;
  if (GSM_EXTENSION.includes(char)) return 2;
  return null;
}

function isGsm7(text: string): boolean {
  for (const char of text) if (septets(char) === null) return false;
  return true;
}

/** Splits `text` into SMS parts the way a network encodes it: GSM-7 when it can, UCS-2 otherwise. */
export function splitIntoParts(text: string): SmsPart[] {
  const gsm = isGsm7(text);
  const cost = (char: string): number => (gsm ? (septets(char) ?? 1) : char.length);
  const total = [...text].reduce((sum, char) => sum + cost(char), 0);
  if (total <= (gsm ? GSM_SINGLE : UCS2_SINGLE)) return [{ body: text, index: 1, total: 1 }];

  const limit = gsm ? GSM_PART : UCS2_PART;
  const bodies: string[] = [];
  let current = '';
  let used = 0;
  // Iterating by code point keeps surrogate pairs (emoji) and escape sequences inside one part.
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
