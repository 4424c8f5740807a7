import net from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsgwError } from '../../errors';
import { ConsoleClient } from './console-client';
import { ConsoleReplyError } from './console-reply-error';
import { startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './console-server';
import { deferred, closedPort } from '../../../test/support/console-kit';

const servers: ConsoleServer[] = [];
const clients: ConsoleClient[] = [];

async function start(
  overrides: Partial<ConsoleServerOptions> = {},
): Promise<{ port: number; sms: Array<[string, string]> }> {
  const sms: Array<[string, string]> = [];
  const server = await startConsoleServer({
    port: 0,
    authToken: null,
    avdName: 'Pixel_7_API_34',
    onSms: async (sender, text) => {
      sms.push([sender, text]);
    },
    ...overrides,
  });
  servers.push(server);
  return { port: server.port, sms };
}

async function connect(
  port: number,
  options: { authToken?: string | null; timeoutMs?: number; maxInFlight?: number } = {},
): Promise<ConsoleClient> {
  const client = await ConsoleClient.connect({ port, authToken: null, ...options });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('ConsoleClient', () => {
  it('reads the banner of a console without auth, then pings and asks the AVD name', async () => {
    const { port } = await start();
    const client = await connect(port);
    expect(client.authRequired).toBe(false);
    await client.ping();
    expect(await client.avdName()).toBe('Pixel_7_API_34');
  });

  it('authenticates when the banner asks for it', async () => {
    const { port, sms } = await start({ authToken: 'Bakox7Ngcdg0jJ6a' });
    const client = await connect(port, { authToken: 'Bakox7Ngcdg0jJ6a' });
    expect(client.authRequired).toBe(true);
    await client.sendSms('+15551234', 'hello');
    expect(sms).toEqual([['+15551234', 'hello']]);
  });

  it('fails to connect with device-unavailable when the token is wrong or missing', async () => {
    const { port } = await start({ authToken: 'right' });
    await expect(ConsoleClient.connect({ port, authToken: 'wrong' })).rejects.toMatchObject({
      code: 'device-unavailable',
      message: expect.stringContaining('authentication token does not match'),
    });
    await expect(ConsoleClient.connect({ port, authToken: null })).rejects.toMatchObject({
      code: 'device-unavailable',
      message: expect.stringContaining('asks for an auth token'),
    });
  });

  it('round-trips newlines, backslashes, \\u escapes in the text, emoji and control characters byte for byte', async () => {
    const { port, sms } = await start();
    const client = await connect(port);
    const texts = [
      'line1\nline2',
      'a\\nb \\u0041 \\\\',
      'café 😀👍🏽 中文',
      'tab\tcr\r\nnul\0end',
      '\uD800 lone',
      '  spaces  ',
      '',
    ];
    for (const text of texts) await client.sendSms('+15551234', text);
    expect(sms.map(([, text]) => Buffer.from(text, 'utf16le'))).toEqual(
      texts.map((text) => Buffer.from(text, 'utf16le')),
    );
  });

  it('round-trips any string that fits on one console line', async () => {
    const { port, sms } = await start();
    const client = await connect(port);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        sms.length = 0;
        await client.sendSms('555', text);
        expect(sms).toEqual([['555', text]]);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects with the KO reason when the device refuses the SMS', async () => {
    const { port } = await start({ onSms: () => Promise.reject(new Error('disk full')) });
    const client = await connect(port);
    const error = await client.sendSms('+15551234', 'hello').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect(error).toMatchObject({
      reason: 'disk full',
      message: 'console refused `sms send +15551234 hello`: disk full',
    });
    await client.ping(); // still usable
  });

  it('pipelines 500 sends and matches the replies in order', async () => {
    let calls = 0;
    const { port, sms } = await start({
      onSms: async (sender, text) => {
        calls += 1;
        if (calls % 100 === 0) throw new Error(`refused ${text}`);
        sms.push([sender, text]);
      },
    });
    const client = await connect(port);
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => client.sendSms(`+1555${i}`, `message ${i}`)),
    );
    results.forEach((result, i) => {
      if ((i + 1) % 100 === 0)
        expect(result).toMatchObject({ status: 'rejected', reason: { reason: `refused message ${i}` } });
      else expect(result.status).toBe('fulfilled');
    });
    expect(sms).toHaveLength(495);
  });

  it('keeps at most maxInFlight sends unanswered', async () => {
    const lines: string[] = [];
    let peer: net.Socket | undefined;
    let answerAtOnce = false;
    const fake = net.createServer((socket) => {
      peer = socket;
      socket.write("Android Console: type 'help' for a list of commands\r\nOK\r\n");
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(line);
          if (answerAtOnce) socket.write('OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const client = await connect((fake.address() as net.AddressInfo).port, { maxInFlight: 2 });
      const sends = Array.from({ length: 6 }, (_, i) => client.sendSms('1', `m${i}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines).toEqual(['sms send 1 m0', 'sms send 1 m1']);
      peer!.write('OK\r\n');
      await expect.poll(() => lines.length).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines).toHaveLength(3);
      answerAtOnce = true;
      peer!.write('OK\r\nOK\r\n'); // m1 and m2; the rest are answered as they arrive
      await Promise.all(sends);
      expect(lines).toEqual(Array.from({ length: 6 }, (_, i) => `sms send 1 m${i}`));
    } finally {
      fake.close();
    }
  });

  it('refuses locally a text that would not fit on one 4095-byte line, and a bad sender', async () => {
    const { port, sms } = await start();
    const client = await connect(port);
    await expect(client.sendSms('+15551234', 'é'.repeat(700))).rejects.toMatchObject({
      code: 'bad-option',
      message: expect.stringContaining('too long for one console line'),
    });
    await expect(client.sendSms('not-a-number', 'hi')).rejects.toMatchObject({ code: 'bad-option' });
    await client.sendSms('+15551234', 'x'.repeat(4095 - 'sms send +15551234 '.length));
    expect(sms).toHaveLength(1);
  });

  it('sends a sender sms send cannot carry as pipelined sms pdu lines, resolving once the SMS is stored', async () => {
    const { port, sms } = await start();
    const client = await connect(port);
    const long = `Ärger {€} ${'x'.repeat(400)}`;
    await Promise.all([
      client.sendSms('Shop-24', long),
      client.sendSms('BANK', 'Код 1234'),
      client.sendSms('+15551234', 'plain'),
    ]);
    expect(sms).toEqual([
      ['Shop-24', long],
      ['BANK', 'Код 1234'],
      ['+15551234', 'plain'],
    ]);
    await expect(client.sendSms('ABCDEFGHIJKL', 'hi')).rejects.toMatchObject({
      code: 'bad-option',
      message: expect.stringContaining('at most 11 GSM 7-bit characters'),
    });
  });

  it('rejects a PDU SMS with the KO of a refused part, after every part was answered', async () => {
    const { port } = await start({ onSms: () => Promise.reject(new Error('disk full')) });
    const client = await connect(port);
    const error = await client.sendSms('BANK', 'y'.repeat(400)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsoleReplyError);
    expect((error as ConsoleReplyError).reason).toBe('disk full');
    expect((error as ConsoleReplyError).command).toMatch(/^sms pdu 00/);
    await client.ping(); // the line is still in step: every part's reply was read
  });

  it('turns connection refused into device-unavailable with a hint', async () => {
    const port = await closedPort();
    const error = await ConsoleClient.connect({ port, authToken: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error).toMatchObject({
      code: 'device-unavailable',
      message: `No emulator console at 127.0.0.1:${port} (connection refused)`,
    });
    expect((error as SmsgwError).hint).toMatch(/adb devices/);
  });

  it('says the console is full when it refuses the connection past its cap', async () => {
    const { port } = await start({ maxConnections: 1 });
    await connect(port);
    await expect(connect(port)).rejects.toMatchObject({
      code: 'device-unavailable',
      reason: 'too many console connections (max 1), try again later',
    });
  });

  it('rejects outstanding sends with "closed" when the console goes away', async () => {
    const stored = deferred();
    const { port } = await start({ onSms: () => stored.promise });
    const client = await connect(port);
    const pending = client.sendSms('1', 'in flight');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await expect(pending).rejects.toThrow(/closed/);
    await expect(client.sendSms('1', 'after')).rejects.toThrow(/closed/);
    stored.resolve();
  });

  it('gives up on a console that never answers, after timeoutMs', async () => {
    const silent = net.createServer((socket) =>
      socket.write("Android Console: type 'help' for a list of commands\r\nOK\r\n"),
    );
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const client = await connect(port, { timeoutMs: 200 });
      await expect(client.ping()).rejects.toThrow('did not answer `ping` within 200 ms');
    } finally {
      silent.close();
    }
  });

  it('finishes outstanding sends before it quits on close', async () => {
    const { port, sms } = await start();
    const client = await connect(port, { maxInFlight: 3 });
    const sends = Array.from({ length: 20 }, (_, i) => client.sendSms('1', `m${i}`));
    await client.close();
    await Promise.all(sends);
    expect(sms).toHaveLength(20);
    await expect(client.ping()).rejects.toThrow(/closed/);
  });

  it('lists every invalid option at once', async () => {
    await expect(ConsoleClient.connect({ port: 70_000, timeoutMs: -1, maxInFlight: 0 })).rejects.toMatchObject({
      code: 'bad-option',
      issues: [
        expect.stringContaining('`port`'),
        expect.stringContaining('`timeoutMs`'),
        expect.stringContaining('`maxInFlight`'),
      ],
    });
  });
});
