// `sms pdu` on the virtual device's console over real TCP: the emulator's replies, and the joining
// of concatenated SMS before they are stored.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { replies } from './console-protocol';
import { encodeDeliverPdus } from '../../sms/sms-pdu';
import { RawPeer, deferred } from '../../../test/support/console-kit';

const opened: Array<ConsoleServer | RawPeer> = [];
const at = { reference: 9, timestampMs: Date.UTC(2025, 4, 1) };
const pduLines = (sender: string, text: string, reference = at.reference): string[] =>
  encodeDeliverPdus(sender, text, { ...at, reference }).map((hex) => `sms pdu ${hex}\n`);
/** The replies in `text`, each ended by an OK or KO line. */
const answersIn = (text: string): string[] => text.match(/(?:[^\r\n]*\r\n)*?(?:OK|KO:[^\r\n]*)\r\n/g) ?? [];

/** A console with auth off whose stored SMS land in `sms`, and a peer past its banner. */
async function consoleAndPeer(
  onSms?: (sender: string, text: string) => Promise<void>,
): Promise<{ peer: RawPeer; sms: Array<[string, string]>; port: number }> {
  const sms: Array<[string, string]> = [];
  const server = await startConsoleServer({
    port: 0,
    authToken: null,
    avdName: 'pdu_avd',
    onSms: onSms ?? (async (sender, text) => void sms.push([sender, text])),
  });
  const peer = await RawPeer.open(server.port);
  opened.push(server, peer);
  await peer.untilEndsWith('OK\r\n');
  peer.reset();
  return { peer, sms, port: server.port };
}

afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await (item instanceof RawPeer ? item.destroy() : item.close());
});

describe('sms pdu', () => {
  it('stores a single-part PDU from an alphanumeric sender and answers OK', async () => {
    const { peer, sms } = await consoleAndPeer();
    peer.write(pduLines('INFO.SMS', 'Your code is 1234')[0]!);
    expect(await peer.untilEndsWith('\r\n')).toBe(replies.ok);
    expect(sms).toEqual([['INFO.SMS', 'Your code is 1234']]);
  });

  it('answers each part OK and stores the SMS once, when its last part arrives', async () => {
    const text = `Kontoauszug: ${'€{}[] Ärger '.repeat(40)}`;
    const lines = pduLines('Ärzte-Info', text);
    expect(lines.length).toBeGreaterThan(3);
    const { peer, sms } = await consoleAndPeer();
    peer.write(lines.slice(0, -1).join(''));
    expect(await peer.until((received) => answersIn(received).length === lines.length - 1)).toBe(
      replies.ok.repeat(lines.length - 1),
    );
    expect(sms).toEqual([]);
    peer.write(lines.at(-1)!);
    await peer.until((received) => answersIn(received).length === lines.length);
    expect(sms).toEqual([['Ärzte-Info', text]]);
  });

  it('joins parts that arrive out of order, and keeps SMS of other senders or references apart', async () => {
    const emoji = '👩‍👩‍👧‍👦 '.repeat(30);
    const a = pduLines('BANK', emoji);
    const [b1, b2] = pduLines('Shop-24', 'x'.repeat(200));
    const [c1, c2] = pduLines('BANK', 'y'.repeat(200), 10);
    const { peer, sms } = await consoleAndPeer();
    const lines = [a.at(-1), b2, c1, ...a.slice(0, -1).reverse(), b1, c2];
    expect(lines.length).toBeGreaterThan(8);
    peer.write(lines.join(''));
    await peer.until((received) => answersIn(received).length === lines.length);
    expect(answersIn(peer.text)).toEqual(lines.map(() => replies.ok));
    expect(sms).toEqual([
      ['BANK', emoji],
      ['Shop-24', 'x'.repeat(200)],
      ['BANK', 'y'.repeat(200)],
    ]);
  });

  it('joins parts sent over different connections, as the one modem of a device does', async () => {
    const { peer, sms, port } = await consoleAndPeer();
    const [first, second] = pduLines('DHL Express', 'z'.repeat(300));
    peer.write(first!);
    await peer.untilEndsWith(replies.ok);
    const other = await RawPeer.open(port);
    opened.push(other);
    other.write(second!);
    await other.untilEndsWith(`OK\r\n${replies.ok}`);
    expect(sms).toEqual([['DHL Express', 'z'.repeat(300)]]);
  });

  it('writes the OK of the completing part only after the SMS is stored, and KO when storing fails', async () => {
    const stored = deferred();
    const onSms = vi.fn(() => stored.promise);
    const { peer } = await consoleAndPeer(onSms);
    peer.write(pduLines('BANK', 'q'.repeat(200)).join(''));
    await vi.waitFor(() => expect(onSms).toHaveBeenCalledWith('BANK', 'q'.repeat(200)));
    await peer.untilEndsWith(replies.ok);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.text).toBe(replies.ok); // the first part's; the second waits for the store
    stored.reject(new Error('disk full'));
    expect(await peer.untilEndsWith('KO: disk full\r\n')).toBe(`${replies.ok}KO: disk full\r\n`);
  });

  it("answers the emulator's KO for a missing argument and for hex it cannot read", async () => {
    const { peer, sms } = await consoleAndPeer();
    peer.write('sms pdu\nsms pdu 0\nsms pdu 00zz\nsms pdu 0791\nsms pdu 00 04\n');
    await peer.until((received) => answersIn(received).length === 5);
    expect(answersIn(peer.text)).toEqual([
      replies.missingPduArgument,
      replies.badPdu,
      replies.badPdu,
      replies.badPdu,
      replies.badPdu,
    ]);
    expect(replies.missingPduArgument).toBe("KO: missing argument, try 'sms sendpdu <hexstring>'\r\n");
    expect(replies.badPdu).toBe('KO: badly formatted <hexstring>\r\n');
    expect(sms).toEqual([]);
  });

  it('refuses a part numbered outside its count, a cut PDU and 8-bit data, and stays usable', async () => {
    const [first] = encodeDeliverPdus('BANK', 'w'.repeat(200), at);
    const udh = first!.indexOf('050003');
    const partThreeOfTwo = `${first!.slice(0, udh + 10)}03${first!.slice(udh + 12)}`;
    const eightBit = '07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE';
    const { peer, sms } = await consoleAndPeer();
    peer.write(
      `sms pdu ${partThreeOfTwo}\nsms pdu ${first!.slice(0, 40)}\nsms pdu ${eightBit}\n${pduLines('BANK', 'after')[0]}`,
    );
    await peer.until((received) => answersIn(received).length === 4);
    expect(answersIn(peer.text)).toEqual([
      replies.badPdu,
      replies.badPdu,
      'KO: unsupported PDU: 8-bit data (TP-DCS 4)\r\n',
      replies.ok,
    ]);
    expect(sms).toEqual([['BANK', 'after']]);
  });

  it('lists pdu under help sms, with the emulator description', async () => {
    const { peer } = await consoleAndPeer();
    peer.write('help sms\nhelp sms pdu\n');
    const text = await peer.until((received) => answersIn(received).length === 2);
    expect(text).toContain('   sms pdu              send inbound SMS PDU\r\n');
    expect(text).toContain("'sms pdu <hexstring>' allows you to simulate a new inbound sms PDU\r\n");
  });
});
