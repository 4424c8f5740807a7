import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { fromSeptets, packSeptets, toSeptets, unpackSeptets } from './gsm7';
import { decodeDeliverPdu, encodeDeliverPdus, type DeliverPart } from './sms-pdu';

/** The part a PDU decodes to; fails the test when it does not decode. */
function decoded(hex: string): DeliverPart {
  const result = decodeDeliverPdu(hex);
  if (result.kind !== 'ok') throw new Error(`${result.kind}: ${result.reason}`);
  return result.part;
}

/** Decodes every PDU and joins their texts in part order. */
function roundTrip(sender: string, text: string): { senders: Set<string>; text: string; parts: DeliverPart[] } {
  const parts = encodeDeliverPdus(sender, text, { reference: 42, timestampMs: Date.UTC(2024, 1, 29, 23, 59, 59) }).map(
    decoded,
  );
  return { senders: new Set(parts.map((part) => part.sender)), text: parts.map((part) => part.text).join(''), parts };
}

const at = { reference: 0, timestampMs: Date.UTC(2011, 0, 1, 12, 34, 56) };

describe('decodeDeliverPdu on published PDUs', () => {
  it('reads the classic GSM 7-bit "hellohello" (dreamfabric / GSM 03.40 tutorial)', () => {
    const part = decoded('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37');
    expect(part).toEqual({
      sender: '27838890001',
      text: 'hellohello',
      concat: null,
      timestampMs: Date.parse('1999-03-29T15:16:59+02:00'),
    });
  });

  it("reads Android's GsmSmsTest addressing PDU, with its -07:00 time zone", () => {
    const part = decoded('07914151551512f2040B916105551511f100006060605130308A04D4F29C0E');
    expect(part).toMatchObject({
      sender: '+16505551111',
      text: 'Test',
      timestampMs: Date.parse('2006-06-06T15:03:03-07:00'),
    });
  });

  it("reads Android's GsmSmsTest UCS2 and extension-table PDUs", () => {
    expect(decoded('07912160130300F4040B914151245584F600087010807121352B10212200A900AE00680065006C006C006F').text).toBe(
      '\u2122\u00a9\u00aehello',
    );
    const extended =
      '07914151551512f2040B916105551511f100006080615131728A44D4F29C0E2AE3E96537B94C068DD16179784C2FCB41F4B0985D06B958ADD00FB0E94536AF974974DA6D281BA00E95E26D509B946FC3DBF87A25D56A04';
    expect(decoded(extended).text).toBe('Test extended character table .,-!?@~_\\/&"\';^|:()<{}>[]=%*+#');
  });

  it("reads the alphanumeric sender of Android's CPHS voicemail PDU, counted in semi-octets", () => {
    expect(decoded('07912160130310F20404D0110041006060627171118A0120')).toMatchObject({ sender: '_@', text: ' ' });
  });

  it("reads the concatenation header of Android's GsmSmsTest multipart PDUs", () => {
    const first =
      '07916163838408F6440B816105224431F700007060217175830AA0050003' +
      '00020162B1582C168BC562B1582C168BC562B1582C168BC562B1582C' +
      '168BC562B1582C168BC562B1582C168BC562B1582C168BC562B1582C'.repeat(4) +
      '168BC562B1582C168BC562B1582C168BC562B1582C168BC562';
    const second =
      '07916163838408F6440B816105224431F700007060217185000A2305000300020262B1582C168BC96432994C2693C96432994C2693C96432990C';
    expect(decoded(first)).toMatchObject({
      sender: '16502244137',
      text: '1'.repeat(153),
      concat: { reference: 0, total: 2, sequence: 1 },
    });
    expect(decoded(second)).toMatchObject({
      text: '1111111222222222222222222222',
      concat: { reference: 0, total: 2, sequence: 2 },
    });
  });

  it("reads ModemManager's alphanumeric UCS2 PDU (test_pdu2)", () => {
    const part = decoded('07919730071111F10414D04937BD2C7797E9D3E6140008113092910240610804420435044104' + '42');
    expect(part).toEqual({
      sender: 'InternetSMS',
      text: 'тест',
      concat: null,
      timestampMs: Date.parse('2011-03-29T19:20:04+04:00'),
    });
  });
});

describe('encodeDeliverPdus', () => {
  it("writes ModemManager's test_pdu2 TPDU byte for byte: an 11-character alphanumeric sender, UCS2, +04:00", () => {
    const pdus = encodeDeliverPdus('InternetSMS', 'тест', {
      reference: 0,
      timestampMs: Date.parse('2011-03-29T19:20:04+04:00'),
      zoneMinutes: 240,
    });
    expect(pdus).toEqual(['00' + '0414D04937BD2C7797E9D3E614000811309291024061080442043504410442']);
  });

  it('writes ModemManager\'s test_pdu3 "hellohello" from an international number, with no SMSC address', () => {
    expect(encodeDeliverPdus('+18005551212', 'hellohello', at)).toEqual([
      '00040B918100551512F20000111010214365000AE8329BFD4697D9EC37',
    ]);
  });

  it('writes a number without + as type 0x81, and a negative zone with the sign bit', () => {
    const [pdu] = encodeDeliverPdus('5551234', 'x', { ...at, zoneMinutes: -420 });
    expect(pdu).toMatch(/^00040781551532F40000/);
    expect(pdu!.slice(-6, -4)).toBe('8A');
  });

  it('splits 161 septets into 153 + 8 under a UDH with one reference, flagged by TP-UDHI', () => {
    const text = 'a'.repeat(161);
    const pdus = encodeDeliverPdus('BANK', text, { ...at, reference: 200 });
    expect(pdus).toHaveLength(2);
    const parts = pdus.map(decoded);
    expect(parts.map((part) => part.concat)).toEqual([
      { reference: 200, total: 2, sequence: 1 },
      { reference: 200, total: 2, sequence: 2 },
    ]);
    expect(parts.map((part) => part.text.length)).toEqual([153, 8]);
    expect(pdus[0]!.slice(2, 4)).toBe('44');
    expect(encodeDeliverPdus('BANK', 'a'.repeat(160), at)).toHaveLength(1);
  });

  it('never splits an escape pair or a surrogate pair between parts', () => {
    const gsm = roundTrip('BANK', `${'a'.repeat(152)}€${'tail'.repeat(3)}`);
    expect(gsm.parts.map((part) => part.text)).toEqual(['a'.repeat(152), `€${'tail'.repeat(3)}`]);
    const ucs2 = roundTrip('BANK', `${'ж'.repeat(66)}😀tail`);
    expect(ucs2.parts.map((part) => part.text)).toEqual(['ж'.repeat(66), '😀tail']);
    expect(roundTrip('BANK', 'ж'.repeat(70)).parts).toHaveLength(1);
  });

  it('refuses alphanumeric senders over 11 septets, outside GSM 7-bit, or empty', () => {
    for (const sender of ['ABCDEFGHIJKL', 'Promo€€€€€€', 'Bänk✓', '']) {
      expect(() => encodeDeliverPdus(sender, 'x', at)).toThrow(SmsgwError);
    }
    expect(() => encodeDeliverPdus('ABCDEFGHIJKL', 'x', at)).toThrow(
      /at most 11 GSM 7-bit characters, got "ABCDEFGHIJKL" \(12 septets\)/,
    );
    expect(() => encodeDeliverPdus('1'.repeat(21), 'x', at)).toThrow(/21 digits/);
  });
});

describe('round trips', () => {
  const hostile: Array<[string, string]> = [
    ['emoji with ZWJ', '👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 #1'],
    ['NUL and control characters', 'bell\u0007 esc\u001b[31mred\u001b[0m nul\u0000 del\u007f'],
    ['extension characters', '{}[]~\\|^€ and a form feed \f'],
    [
      'the whole default alphabet',
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
    ],
    [
      '1,600 GSM characters',
      `#9 ${'0123456789 The quick brown fox jumps over the lazy dog. '.repeat(40)}`.slice(0, 1600),
    ],
    ['1,600 UCS2 characters', 'Ünïcødé ✓ 中文 '.repeat(120).slice(0, 1600)],
    ['1,600 extension characters', '€{'.repeat(800)],
    ['an empty text', ''],
    ['a lone surrogate', 'half \uD83D pair'],
  ];

  it.each(hostile)('gives back %s byte for byte, from every kind of sender', (_name, text) => {
    for (const sender of ['BANK', 'Shop-24', 'INFO.SMS', '@Home', 'Promo€', 'DHL Express', '+15551234567', '55123']) {
      const result = roundTrip(sender, text);
      expect(result.senders).toEqual(new Set([sender]));
      expect(result.text).toBe(text);
    }
  });

  it('numbers the parts of a 1,600-character text 1..n under one reference', () => {
    const { parts } = roundTrip('Shop-24', 'x'.repeat(1600));
    expect(parts).toHaveLength(11);
    expect(parts.map((part) => part.concat)).toEqual(
      parts.map((_, index) => ({ reference: 42, total: 11, sequence: index + 1 })),
    );
  });

  it('packs and unpacks septets at any offset', () => {
    const septets = toSeptets('Hello{}€@')!;
    for (let offset = 0; offset < 9; offset += 1)
      expect(fromSeptets(unpackSeptets(packSeptets(septets, offset), septets.length, offset))).toBe('Hello{}€@');
  });
});

describe('decodeDeliverPdu on bad input', () => {
  it('calls malformed what the emulator refuses: odd length, a non-hex digit, nothing, an SMSC address past the end', () => {
    for (const hex of ['0', '0G', '', '00 04', '0791'])
      expect(decodeDeliverPdu(hex)).toMatchObject({ kind: 'malformed' });
  });

  it('calls malformed a TPDU cut short, a UDL past the data, and a part number outside 1..total', () => {
    const [good] = encodeDeliverPdus('BANK', 'hello', at);
    for (let cut = 2; cut < good!.length; cut += 2)
      expect(decodeDeliverPdu(good!.slice(0, cut)).kind).toBe('malformed');
    const [first] = encodeDeliverPdus('BANK', 'x'.repeat(200), at);
    const udh = first!.indexOf('050003');
    const withPart = (sequence: string, total = '02'): string =>
      `${first!.slice(0, udh + 8)}${total}${sequence}${first!.slice(udh + 12)}`;
    expect(decodeDeliverPdu(withPart('01')).kind).toBe('ok');
    expect(decodeDeliverPdu(withPart('03'))).toMatchObject({ kind: 'malformed', reason: 'part 3 of 2' });
    expect(decodeDeliverPdu(withPart('00'))).toMatchObject({ kind: 'malformed' });
    expect(decodeDeliverPdu(withPart('01', '00'))).toMatchObject({ kind: 'malformed' });
  });

  it('calls unsupported an SMS-SUBMIT and 8-bit data', () => {
    expect(decodeDeliverPdu('0001000B915121551532F400000CC8F79D9C07E54F61363B04')).toMatchObject({
      kind: 'unsupported',
    });
    expect(
      decodeDeliverPdu('07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE'),
    ).toMatchObject({ kind: 'unsupported', reason: '8-bit data (TP-DCS 4)' });
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 5_000; round += 1) {
      const hex = Buffer.from(Array.from({ length: next() % 60 }, () => next() % 256)).toString('hex');
      expect(['ok', 'malformed', 'unsupported']).toContain(decodeDeliverPdu(hex).kind);
    }
  });
});
