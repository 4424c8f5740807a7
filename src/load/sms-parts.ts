// How an SMS is encoded and how many parts it takes (3GPP TS 23.038 / 23.040).

/** The GSM 03.38 default alphabet; a text of only these characters is sent 7 bits a character. */
const gsm7Basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Reached through the escape character: each costs two septets. */
const gsm7Extension = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'gsm-7' | 'ucs-2';

/** Whether every character is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsm7Basic.has(char) && !gsm7Extension.has(char)) return false;
  return true;
}

/** Encoding, and parts: 160 septets (153 per part when split), or 70 UTF-16 units (67 per part). */
export function smsParts(text: string): { readonly encoding: SmsEncoding; readonly parts: number } {
  if (isGsm7(text)) {
    let septets = 0;
    for (const char of text) septets += gsm7Extension.has(char) ? 2 : 1;
    return { encoding: 'gsm-7', parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  return { encoding: 'ucs-2', parts: text.length <= 70 ? 1 : Math.ceil(text.length / 67) };
}
