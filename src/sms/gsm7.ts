// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), and the packing
// of septets into octets (§6.1.2.1.1) that SMS user data and alphanumeric addresses use.

/** The default alphabet by septet value; 0x1B is the escape to the extension table, not a character. */
const basicTable =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const ESCAPE = 0x1b;
/** The extension table: septet value after an escape, and the character it stands for. */
const extensionTable: ReadonlyArray<readonly [number, string]> = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

const basicSeptet = new Map([...basicTable].map((char, septet) => [char, septet]));
basicSeptet.delete('\u001b');
const extensionSeptet = new Map(extensionTable.map(([septet, char]) => [char, septet]));
const extensionChar = new Map(extensionTable);

/** Septets one character costs: 1 in the default alphabet, 2 in the extension table (escape + code), null outside both. */
export function septetCost(char: string): 1 | 2 | null {
  if (basicSeptet.has(char)) return 1;
  return extensionSeptet.has(char) ? 2 : null;
}

/** The septets of `text`, an extension character as escape + code; null when a character has none. */
export function toSeptets(text: string): number[] | null {
  const septets: number[] = [];
  for (const char of text) {
    const basic = basicSeptet.get(char);
    if (basic !== undefined) {
      septets.push(basic);
      continue;
    }
    const extension = extensionSeptet.get(char);
    if (extension === undefined) return null;
    septets.push(ESCAPE, extension);
  }
  return septets;
}

/**
 * The text of `septets`. An escape before a code the extension table lacks gives the default
 * alphabet's character (23.038 §6.2.1.1), a doubled or trailing escape a space, as Android reads them.
 */
export function fromSeptets(septets: readonly number[]): string {
  let text = '';
  for (let index = 0; index < septets.length; index += 1) {
    const septet = septets[index]!;
    if (septet !== ESCAPE) {
      text += basicTable[septet];
      continue;
    }
    const next = septets[index + 1];
    index += 1;
    text += next === undefined || next === ESCAPE ? ' ' : (extensionChar.get(next) ?? basicTable[next]);
  }
  return text;
}

/** Packs septets into octets, least significant bit first, starting `offsetSeptets` into the octets (after a UDH). */
export function packSeptets(septets: readonly number[], offsetSeptets = 0): Uint8Array {
  const octets = new Uint8Array(Math.ceil(((offsetSeptets + septets.length) * 7) / 8));
  septets.forEach((septet, index) => {
    const bit = (offsetSeptets + index) * 7;
    const octet = bit >> 3;
    const shift = bit & 7;
    octets[octet]! |= (septet << shift) & 0xff;
    if (shift > 1) octets[octet + 1]! |= septet >> (8 - shift);
  });
  return octets;
}

/** Reads `count` septets from packed octets, starting `offsetSeptets` in; the caller checks there are enough bits. */
export function unpackSeptets(octets: Uint8Array, count: number, offsetSeptets = 0): number[] {
  const septets: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const bit = (offsetSeptets + index) * 7;
    const octet = bit >> 3;
    const shift = bit & 7;
    const pair = octets[octet]! | ((octets[octet + 1] ?? 0) << 8);
    septets.push((pair >> shift) & 0x7f);
  }
  return septets;
}
