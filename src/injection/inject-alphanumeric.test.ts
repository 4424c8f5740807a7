// Alphanumeric senders end to end: the injector sends them as `sms pdu` lines over real TCP to an
// a virtual phone, whose radio joins the parts and whose app stores exactly what was injected.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startPhone, until, type TestPhone } from '../../test/support/virtual-phone';
import { ReconnectingConsole } from './reconnecting-console';
import { createMemoryInjectionLog, inject, type PlannedSms } from './injector';

const planned: PlannedSms[] = [
  { sender: 'BANK', text: 'Your code is 482913', atMs: 0 }, // GSM 7-bit, one part
  {
    sender: 'Shop-24',
    text: `#2 ${'0123456789 The quick brown fox jumps over the lazy dog. '.repeat(40)}`.slice(0, 1600),
    atMs: 0,
  }, // GSM 7-bit, 11 parts
  { sender: 'INFO.SMS', text: 'Привет {€} [~] \\ | ^', atMs: 0 }, // UCS2, one part
  { sender: '@Home', text: `👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 nul\u0000 esc\u001b ${'ж'.repeat(150)}`, atMs: 0 }, // UCS2, several parts
  { sender: 'Promo€', text: `{}[]~\\|^€ ${'x'.repeat(300)}`, atMs: 0 }, // GSM 7-bit with escapes, 3 parts
  { sender: 'DHL Express', text: '', atMs: 0 },
  { sender: '+15551234567', text: 'numeric senders still go by sms send', atMs: 0 },
];

describe('injecting alphanumeric senders into a virtual device', () => {
  let device: TestPhone;
  beforeAll(async () => {
    // Nobody listens on its webhook: the SMS stay queued, where the test reads them.
    device = await startPhone();
  });
  afterAll(() => device.radio.stop());

  it('acknowledges each SMS once every part is stored, with exactly the sender and text injected', async () => {
    const reconnecting = await ReconnectingConsole.open(device.radio.consolePort);
    const log = createMemoryInjectionLog();
    try {
      await inject(reconnecting, planned, log, { maxInFlight: 3 });
    } finally {
      await reconnecting.close();
    }
    expect(log.refusals).toEqual([]);
    expect(log.inDoubts).toEqual([]);
    expect(log.unanswereds).toEqual([]);
    expect(log.injections).toHaveLength(planned.length);
    await until(async () => (await device.health()).totalToday === planned.length);
    const queue = new Database(device.dbPath, { readonly: true });
    const stored = queue.prepare('SELECT sender, body FROM messages').all() as { sender: string; body: string }[];
    queue.close();
    expect(stored.map((message) => [message.sender, message.body]).sort()).toEqual(
      planned.map((sms) => [sms.sender, sms.text]).sort(),
    );
  });
});

describe('a PDU SMS whose console dies between its parts', () => {
  it('is unanswered when nothing ordered the death: not in doubt, not refused and not acknowledged', async () => {
    // A console that answers the first part of a multipart SMS, then drops the connection.
    const fake = net.createServer((socket) => {
      socket.write("Android Console: type 'help' for a list of commands\r\nOK\r\n");
      socket.once('data', () => socket.end('OK\r\n'));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const reconnecting = await ReconnectingConsole.open((fake.address() as net.AddressInfo).port);
      const log = createMemoryInjectionLog();
      await inject(reconnecting, [{ sender: 'BANK', text: 'y'.repeat(400), atMs: 0 }], log);
      await reconnecting.close().catch(() => undefined);
      expect(log.unanswereds.map((sms) => sms.sender)).toEqual(['BANK']);
      expect(log.inDoubts).toEqual([]);
      expect(log.injections).toEqual([]);
      expect(log.refusals).toEqual([]);
    } finally {
      fake.close();
    }
  });
});
