// SMS-DELIVER PDUs (3GPP TS 23.040 §9.2.2.1) in the form the emulator's `sms pdu <hexstring>` takes
// and hands to the modem as `+CMT`: an SMSC address (empty here, "00"), then the TPDU. The injector
// encodes them to carry senders `sms send` cannot; the virtual device decodes them.
import { SmsgwError } from '../errors';
import { isGsm7, splitIntoParts } from './sms-parts';
import { fromSeptets, packSeptets, toSeptets, unpackSeptets } from './gsm7';

/** Where a part sits in a concatenated SMS (the UDH's concatenation element). */
export interface Concatenation {
  readonly reference: number;
  readonly total: number;
  /** 1-based. */
  readonly sequence: number;
}

/** One decoded SMS-DELIVER. */
export interface DeliverPart {
  readonly sender: string;
  readonly text: string;
  /** null for a single SMS. */
  readonly concat: Concatenation | null;
  /** TP-SCTS, ms since epoch. */
  readonly timestampMs: number;
}

export type PduDecoding =
  | { readonly kind: 'ok'; readonly part: DeliverPart }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

export interface EncodeOptions {
  /** The concatenation reference, 0–255, shared by every part of this SMS. */
  readonly reference: number;
  /** TP-SCTS, ms since epoch. */
  readonly timestampMs: number;
  /** The SMSC's time zone, minutes east of UTC, a multiple of 15; default 0. */
  readonly zoneMinutes?: number;
}

// Field values of 23.040 §9.2.3 and §9.1.2.5.
const MTI_DELIVER = 0x00;
const MTI_MASK = 0x03;
/** TP-MMS set: no more messages are waiting at the SMSC. */
const MMS = 0x04;
const UDHI = 0x40;
const TOA_INTERNATIONAL = 0x91;
const TOA_UNKNOWN = 0x81;
const TOA_ALPHANUMERIC = 0xd0;
const TON_MASK = 0x70;
const TON_INTERNATIONAL = 0x10;
const TON_ALPHANUMERIC = 0x50;
const DCS_GSM7 = 0x00;
const DCS_UCS2 = 0x08;
const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;
/** An address is at most 10 octets: 20 digits, or 11 septets. */
const MAX_ADDRESS_OCTETS = 10;
const MAX_ALPHANUMERIC_SEPTETS = 11;
const MAX_USER_DATA_OCTETS = 140;
const MAX_PARTS = 255;
const bcdDigits = '0123456789*#abc';

class PduError extends Error {
  constructor(
    readonly kind: 'malformed' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const badSender = (sender: string, why: string): SmsgwError =>
  new SmsgwError(
    'bad-option',
    `Expected \`sender\` to be a phone number or an alphanumeric sender of at most ${MAX_ALPHANUMERIC_SEPTETS} GSM 7-bit characters, got ${JSON.stringify(sender)} (${why})`,
  );

/** TP-OA: length, type of address, value. Numeric senders as swapped BCD, any other as GSM 7-bit (0xD0). */
function encodeAddress(sender: string): number[] {
  if (/^\+?[0-9]+$/.test(sender)) {
    const digits = sender.replace('+', '');
    if (digits.length > 2 * MAX_ADDRESS_OCTETS)
      throw badSender(sender, `${digits.length} digits, an SMS address holds ${2 * MAX_ADDRESS_OCTETS}`);
    const octets: number[] = [];
    for (let index = 0; index < digits.length; index += 2)
      octets.push(Number(digits[index]) | (Number(digits[index + 1] ?? 0xf) << 4));
    return [digits.length, sender.startsWith('+') ? TOA_INTERNATIONAL : TOA_UNKNOWN, ...octets];
  }
  if (sender === '') throw badSender(sender, 'it is empty');
  const septets = toSeptets(sender);
  if (septets === null) throw badSender(sender, 'it has characters outside the GSM 7-bit alphabet');
  if (septets.length > MAX_ALPHANUMERIC_SEPTETS) throw badSender(sender, `${septets.length} septets`);
  // The length counts semi-octets of the packed value (23.040 §9.1.2.5), so 11 septets say 20.
  return [Math.ceil((septets.length * 7) / 4), TOA_ALPHANUMERIC, ...packSeptets(septets)];
}

const swapped = (value: number): number => ((value % 10) << 4) | Math.floor(value / 10);

function encodeTimestamp(timestampMs: number, zoneMinutes: number): number[] {
  const local = new Date(timestampMs + zoneMinutes * 60_000);
  const fields = [
    local.getUTCFullYear() % 100,
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  // The zone is in quarter hours; bit 3 of its first semi-octet is the sign.
  return [...fields.map(swapped), swapped(Math.abs(zoneMinutes) / 15) | (zoneMinutes < 0 ? 0x08 : 0)];
}

function userData(body: string, gsm: boolean, header: number[]): { length: number; octets: number[] } {
  if (gsm) {
    const offset = Math.ceil((header.length * 8) / 7); // the header, padded to a septet boundary
    const septets = toSeptets(body)!;
    const octets = packSeptets(septets, offset);
    octets.set(header);
    return { length: offset + septets.length, octets: [...octets] };
  }
  const octets = [...header];
  for (let index = 0; index < body.length; index += 1)
    octets.push(body.charCodeAt(index) >> 8, body.charCodeAt(index) & 0xff);
  return { length: octets.length, octets };
}

const toHex = (octets: readonly number[]): string => Buffer.from(octets).toString('hex').toUpperCase();

/**
 * The PDUs of one SMS, as hex: GSM 7-bit when every character has a septet, else UCS2; split into
 * concatenated parts (153 septets or 67 UTF-16 units each, never inside an escape or surrogate pair)
 * when it does not fit one. Throws `bad-option` for a sender no SMS address can hold.
 */
export function encodeDeliverPdus(sender: string, text: string, options: EncodeOptions): string[] {
  const address = encodeAddress(sender);
  const timestamp = encodeTimestamp(options.timestampMs, options.zoneMinutes ?? 0);
  const gsm = isGsm7(text);
  const parts = splitIntoParts(text);
  if (parts.length > MAX_PARTS)
    throw new SmsgwError(
      'bad-option',
      `SMS text too long: ${parts.length} parts, a concatenated SMS has at most ${MAX_PARTS}`,
    );
  return parts.map((part) => {
    // UDHL 5, then the element: IEI 0x00, length 3, reference, count, sequence (23.040 §9.2.3.24.1).
    const header = part.total > 1 ? [5, IEI_CONCAT_8BIT, 3, options.reference & 0xff, part.total, part.index] : [];
    const data = userData(part.body, gsm, header);
    const first = MTI_DELIVER | MMS | (header.length > 0 ? UDHI : 0);
    return toHex([0x00, first, ...address, 0x00, gsm ? DCS_GSM7 : DCS_UCS2, ...timestamp, data.length, ...data.octets]);
  });
}

/** Reads octets front to back; running past the end is a malformed PDU. */
class Reader {
  private offset = 0;
  constructor(private readonly octets: Uint8Array) {}
  get done(): boolean {
    return this.offset >= this.octets.length;
  }
  octet(what: string): number {
    return this.take(1, what)[0]!;
  }
  take(count: number, what: string): Uint8Array {
    if (this.offset + count > this.octets.length)
      throw new PduError('malformed', `${what} runs past the end of the PDU`);
    this.offset += count;
    return this.octets.subarray(this.offset - count, this.offset);
  }
}

function decodeAddress(reader: Reader): string {
  const length = reader.octet('TP-OA length');
  const type = reader.octet('TP-OA type');
  if (length > 2 * MAX_ADDRESS_OCTETS) throw new PduError('malformed', `TP-OA of ${length} semi-octets`);
  const value = reader.take(Math.ceil(length / 2), 'TP-OA');
  if ((type & TON_MASK) === TON_ALPHANUMERIC) return fromSeptets(unpackSeptets(value, Math.floor((length * 4) / 7)));
  let digits = '';
  for (let index = 0; index < length; index += 1) {
    const nibble = (value[index >> 1]! >> ((index & 1) * 4)) & 0xf;
    if (nibble === 0xf) throw new PduError('malformed', 'TP-OA has a filler inside the number');
    digits += bcdDigits[nibble];
  }
  return (type & TON_MASK) === TON_INTERNATIONAL ? `+${digits}` : digits;
}

/** The alphabet TP-DCS names (23.038 §4); 8-bit data and compressed text are not text this device stores. */
function alphabetOf(dcs: number): 'gsm7' | 'ucs2' {
  const group = dcs >> 4;
  let alphabet: number;
  if (group <= 0x7) {
    if (dcs & 0x20) throw new PduError('unsupported', `compressed text (TP-DCS ${dcs})`);
    alphabet = (dcs >> 2) & 0x3;
  } else if (group === 0xc || group === 0xd) alphabet = 0;
  else if (group === 0xe) alphabet = 2;
  else if (group === 0xf) alphabet = (dcs >> 2) & 0x1;
  else throw new PduError('unsupported', `reserved TP-DCS ${dcs}`);
  if (alphabet === 0) return 'gsm7';
  if (alphabet === 2) return 'ucs2';
  throw new PduError('unsupported', `8-bit data (TP-DCS ${dcs})`);
}

function decodeTimestamp(octets: Uint8Array): number {
  const digit = (nibble: number): number => {
    if (nibble > 9) throw new PduError('malformed', 'TP-SCTS has a semi-octet that is not a digit');
    return nibble;
  };
  const values = [...octets].map((octet, index) => digit(octet & (index === 6 ? 0x7 : 0xf)) * 10 + digit(octet >> 4));
  const [year, month, day, hour, minute, second, quarters] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zoneMinutes = quarters * 15 * (octets[6]! & 0x08 ? -1 : 1);
  return Date.UTC(year >= 90 ? 1900 + year : 2000 + year, month - 1, day, hour, minute, second) - zoneMinutes * 60_000;
}

/** The concatenation element of a UDH, if any (8- or 16-bit reference); other elements are skipped. */
function concatenationOf(header: Uint8Array): Concatenation | null {
  const reader = new Reader(header);
  let found: Concatenation | null = null;
  // Every element takes two octets or more, so this ends within header.length / 2 rounds.
  while (!reader.done) {
    const iei = reader.octet('UDH element');
    const data = reader.take(reader.octet('UDH element length'), 'UDH element');
    if (iei === IEI_CONCAT_8BIT && data.length === 3)
      found = { reference: data[0]!, total: data[1]!, sequence: data[2]! };
    if (iei === IEI_CONCAT_16BIT && data.length === 4)
      found = { reference: (data[0]! << 8) | data[1]!, total: data[2]!, sequence: data[3]! };
  }
  if (found && (found.total === 0 || found.sequence === 0 || found.sequence > found.total)) {
    throw new PduError('malformed', `part ${found.sequence} of ${found.total}`);
  }
  return found;
}

function decodeTpdu(reader: Reader): DeliverPart {
  const first = reader.octet('first octet');
  if ((first & MTI_MASK) !== MTI_DELIVER)
    throw new PduError('unsupported', `TP-MTI ${first & MTI_MASK} is not SMS-DELIVER`);
  const sender = decodeAddress(reader);
  reader.octet('TP-PID');
  const alphabet = alphabetOf(reader.octet('TP-DCS'));
  const timestampMs = decodeTimestamp(reader.take(7, 'TP-SCTS'));
  const length = reader.octet('TP-UDL');
  const octetCount = alphabet === 'gsm7' ? Math.ceil((length * 7) / 8) : length;
  if (octetCount > MAX_USER_DATA_OCTETS)
    throw new PduError('malformed', `TP-UDL ${length} is over ${MAX_USER_DATA_OCTETS} octets`);
  const data = reader.take(octetCount, 'TP-UD');
  let headerOctets = 0;
  let concat: Concatenation | null = null;
  if (first & UDHI) {
    headerOctets = 1 + new Reader(data).octet('TP-UDHL');
    concat = concatenationOf(new Reader(data).take(headerOctets, 'UDH').subarray(1));
  }
  if (alphabet === 'gsm7') {
    const offset = Math.ceil((headerOctets * 8) / 7);
    if (offset > length) throw new PduError('malformed', 'the UDH is longer than TP-UDL');
    return { sender, text: fromSeptets(unpackSeptets(data, length - offset, offset)), concat, timestampMs };
  }
  if (headerOctets > length || (length - headerOctets) % 2 !== 0)
    throw new PduError('malformed', 'UCS2 text of an odd number of octets');
  let text = '';
  for (let index = headerOctets; index < length; index += 2)
    text += String.fromCharCode((data[index]! << 8) | data[index + 1]!);
  return { sender, text, concat, timestampMs };
}

/**
 * Decodes the hex of `sms pdu`. Malformed: what the emulator refuses (odd length, a non-hex digit, an
 * SMSC address past the end) and any TPDU that cannot be read; unsupported: a well-formed PDU that
 * is not an SMS-DELIVER of text.
 */
export function decodeDeliverPdu(hex: string): PduDecoding {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex))
    return { kind: 'malformed', reason: 'not an even number of hex digits' };
  const reader = new Reader(Buffer.from(hex, 'hex'));
  try {
    reader.take(reader.octet('SMSC address length'), 'SMSC address');
    return { kind: 'ok', part: decodeTpdu(reader) };
  } catch (error) {
    if (error instanceof PduError) return { kind: error.kind, reason: error.message };
    throw error;
  }
}
