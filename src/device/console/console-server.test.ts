import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SmsgwError } from '../../errors';
import { startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from './console-server';
import { consoleDefaults } from './defaults';
import { RawPeer, deferred } from '../../../test/support/console-kit';

const noAuthBanner = "Android Console: type 'help' for a list of commands\r\nOK\r\n";
const servers: ConsoleServer[] = [];
const peers: RawPeer[] = [];

async function start(
  overrides: Partial<ConsoleServerOptions> = {},
): Promise<{ server: ConsoleServer; sms: Array<[string, string]> }> {
  const sms: Array<[string, string]> = [];
  const server = await startConsoleServer({
    port: 0,
    authToken: null,
    avdName: 'smsgw_virtual',
    onSms: async (sender, text) => {
      sms.push([sender, text]);
    },
    ...overrides,
  });
  servers.push(server);
  return { server, sms };
}

async function connect(port: number, banner = noAuthBanner): Promise<RawPeer> {
  const peer = await RawPeer.open(port);
  peers.push(peer);
  await peer.untilEndsWith(banner);
  peer.reset();
  return peer;
}

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('startConsoleServer', () => {
  it('greets with the help prompt when auth is off', async () => {
    const { server } = await start();
    const peer = await RawPeer.open(server.port);
    peers.push(peer);
    expect(await peer.untilEndsWith('OK\r\n')).toBe(noAuthBanner);
  });

  it('greets with the emulator auth banner, naming the token file, when a token is set', async () => {
    const { server } = await start({ authToken: 'secret', authTokenPath: '/home/qa/.emulator_console_auth_token' });
    const peer = await RawPeer.open(server.port);
    peers.push(peer);
    expect(await peer.untilEndsWith('OK\r\n')).toBe(
      'Android Console: Authentication required\r\n' +
        "Android Console: type 'auth <auth_token>' to authenticate\r\n" +
        'Android Console: you can find your <auth_token> in \r\n' +
        "'/home/qa/.emulator_console_auth_token'\r\nOK\r\n",
    );
  });

  it('answers a wrong token with KO and a right one with the help prompt', async () => {
    const { server, sms } = await start({ authToken: 'secret', authTokenPath: '/t' });
    const peer = await connect(server.port, "'/t'\r\nOK\r\n");
    peer.write('auth wrong\n');
    expect(await peer.untilEndsWith('\r\n')).toBe(
      'KO: authentication token does not match ~/.emulator_console_auth_token\r\n',
    );
    peer.reset();
    peer.write('auth secret\r\n');
    expect(await peer.untilEndsWith('OK\r\n')).toBe(noAuthBanner);
    peer.reset();
    peer.write('sms send +15551234 hi\n');
    expect(await peer.untilEndsWith('\r\n')).toBe('OK\r\n');
    expect(sms).toEqual([['+15551234', 'hi']]);
  });

  it('refuses commands before auth as unknown, as the emulator does, but answers ping and avd name', async () => {
    const { server, sms } = await start({ authToken: 'secret', authTokenPath: '/t' });
    const peer = await connect(server.port, "'/t'\r\nOK\r\n");
    peer.write('sms send +15551234 hi\nping\navd name\nauth\n');
    const text = await peer.untilEndsWith('KO: missing authentication token\r\n');
    expect(text).toBe(
      "KO: unknown command, try 'help'\r\nI am alive!\r\nOK\r\nsmsgw_virtual\r\nOK\r\nKO: missing authentication token\r\n",
    );
    expect(sms).toEqual([]);
  });

  it('lists its commands on help, sms among them once authenticated', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    peer.write('help\n');
    const text = await peer.untilEndsWith('OK\r\n');
    expect(text).toMatch(/^Android console commands:\r\n/);
    for (const name of ['help|h|?', 'ping', 'sms', 'avd', 'quit|exit']) expect(text).toContain(`    ${name}\r\n`);
  });

  it('decodes the escapes of sms send and answers OK only after onSms resolves', async () => {
    const stored = deferred();
    const onSms = vi.fn(() => stored.promise);
    const { server } = await start({ onSms });
    const peer = await connect(server.port);
    peer.write('sms send +15551234 line1\\nline2 \\\\ \\u00e9 \\uD83D\\uDE00 \\x41\n');
    await vi.waitFor(() => expect(onSms).toHaveBeenCalledTimes(1));
    expect(onSms).toHaveBeenCalledWith('+15551234', 'line1\nline2 \\ é 😀 A');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.text).toBe(''); // not a byte before the SMS is stored
    stored.resolve();
    expect(await peer.untilEndsWith('\r\n')).toBe('OK\r\n');
  });

  it('answers KO with the message when onSms rejects', async () => {
    const { server } = await start({ onSms: () => Promise.reject(new Error('database is locked\nretry later')) });
    const peer = await connect(server.port);
    peer.write('sms send 5551234 hello\n');
    expect(await peer.untilEndsWith('\r\n')).toBe('KO: database is locked retry later\r\n');
  });

  it('refuses phone numbers outside [+](0-9)*, and a missing text', async () => {
    const { server, sms } = await start();
    const peer = await connect(server.port);
    const bad = ['abc', '+', '555-1234', '+1555x', '1'.repeat(33)];
    peer.write(bad.map((number) => `sms send ${number} hi\n`).join('') + 'sms send +15551234\n');
    const text = await peer.until((received) => received.split('\r\n').length > bad.length + 1);
    expect(text).toBe(
      'KO: bad phone number format, must be [+](0-9)*\r\n'.repeat(bad.length) +
        "KO: missing argument, try 'sms send <phonenumber> <text message>'\r\n",
    );
    expect(sms).toEqual([]);
  });

  it('refuses escapes the emulator does not know, with its help text', async () => {
    const { server, sms } = await start();
    const peer = await connect(server.port);
    peer.write('sms send 123 tab\\there\n');
    const text = await peer.untilEndsWith('KO: badly formatted text\r\n');
    expect(text).toMatch(/^message must be utf8 and can use the following escapes:\r\n/);
    expect(sms).toEqual([]);
  });

  it('answers 500 sms sends pipelined in one write, in order, however the stores interleave', async () => {
    const called: string[] = [];
    const { server, sms } = await start({
      onSms: async (sender, text) => {
        called.push(text);
        await new Promise((resolve) => setTimeout(resolve, Math.random() < 0.1 ? 2 : 0));
        sms.push([sender, text]);
      },
    });
    const peer = await connect(server.port);
    // Every 50th line has a bad number, so a reordered reply would show.
    const lines = Array.from(
      { length: 500 },
      (_, i) => `sms send ${i % 50 === 49 ? 'bad' : `+1555${i}`} message ${i}\n`,
    );
    peer.write(lines.join(''));
    const text = await peer.until((received) => received.split('\r\n').length > 500, 20_000);
    const expected = lines.map((_, i) => (i % 50 === 49 ? 'KO: bad phone number format, must be [+](0-9)*' : 'OK'));
    expect(text.split('\r\n').slice(0, -1)).toEqual(expected);
    const valid = lines.flatMap((_, i) => (i % 50 === 49 ? [] : [`message ${i}`]));
    // Stores are started in line order (so the engine's group commit keeps it); they may finish in any.
    expect(called).toEqual(valid);
    expect(sms.map(([, text]) => text).sort()).toEqual([...valid].sort());
  });

  it('stores pipelined SMS side by side but answers OK only once each is stored, in line order', async () => {
    const stores = [deferred(), deferred(), deferred()];
    let calls = 0;
    const { server } = await start({ onSms: () => stores[calls++]!.promise });
    const peer = await connect(server.port);
    peer.write('sms send 1 a\nsms send 2 b\nsms send 3 c\n');
    // All three are handed to the store at once (so the engine can commit them together)…
    await vi.waitFor(() => expect(calls).toBe(3));
    // …but the last one stored first earns no reply until the ones before it are stored too.
    stores[2]!.resolve();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.text).toBe('');
    stores[0]!.resolve();
    expect(await peer.untilEndsWith('OK\r\n')).toBe('OK\r\n');
    stores[1]!.resolve();
    expect(await peer.until((text) => text === 'OK\r\nOK\r\nOK\r\n')).toBe('OK\r\nOK\r\nOK\r\n');
  });

  it('answers KO for exactly the pipelined SMS whose store failed, OK for its neighbours', async () => {
    const { server } = await start({
      onSms: async (_sender, text) => (text === 'bad' ? Promise.reject(new Error('disk full')) : undefined),
    });
    const peer = await connect(server.port);
    peer.write('sms send 1 good\nsms send 2 bad\nsms send 3 good\n');
    expect(await peer.until((text) => text.split('\r\n').length > 3)).toBe('OK\r\nKO: disk full\r\nOK\r\n');
  });

  it('runs a pipelined auth before the SMS after it, and no SMS before it', async () => {
    const { server, sms } = await start({ authToken: 'secret', authTokenPath: '/t' });
    const peer = await connect(server.port, "'/t'\r\nOK\r\n");
    peer.write('sms send 1 early\nauth secret\nsms send 2 late\n');
    const text = await peer.until((received) => received.endsWith('OK\r\nOK\r\n'));
    expect(text).toMatch(/^KO: unknown command, try 'help'\r\n[\s\S]*OK\r\nOK\r\n$/);
    expect(sms).toEqual([['2', 'late']]);
  });

  it('answers an empty line with KO unknown command, as the emulator does (its find_command matches no name)', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    peer.write('\r\nping\n');
    expect(await peer.untilEndsWith('I am alive!\r\nOK\r\n')).toBe(
      "KO: unknown command, try 'help'\r\nI am alive!\r\nOK\r\n",
    );
  });

  it('answers an overlong line with KO and keeps the connection usable', async () => {
    const { server, sms } = await start();
    const peer = await connect(server.port);
    peer.write(`sms send 123 ${'x'.repeat(5000)}`);
    peer.write(`${'y'.repeat(3000)}\nping\n`);
    expect(await peer.untilEndsWith('I am alive!\r\nOK\r\n')).toBe(
      'KO: line too long, max 4095 bytes\r\nI am alive!\r\nOK\r\n',
    );
    expect(sms).toEqual([]);
    peer.reset();
    const longest = `sms send 123 ${'z'.repeat(4095 - 'sms send 123 '.length)}`;
    peer.write(`${longest}\r\n`);
    expect(await peer.untilEndsWith('\r\n')).toBe('OK\r\n');
  });

  it('aborts a client that sends an HTTP request line', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    peer.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await peer.closed;
    expect(peer.text).toBe('KO: Forbidden HTTP request. Aborting\r\n');
  });

  it('aborts a client that sends bytes that are not UTF-8, and keeps serving others', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    peer.write(Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0a, 0x01, 0x02]));
    await peer.closed;
    expect(peer.text).toBe('KO: Forbidden binary request. Aborting\r\n');
    const next = await connect(server.port);
    next.write('ping\n');
    expect(await next.untilEndsWith('OK\r\n')).toBe('I am alive!\r\nOK\r\n');
  });

  it('ends a command at a NUL byte, like the C string it is in the emulator', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    peer.write(Buffer.from('ping\0 trailing junk\n\x01\x02\x03\n'));
    expect(await peer.until((text) => text.split('\r\n').length > 3)).toBe(
      "I am alive!\r\nOK\r\nKO: unknown command, try 'help'\r\n",
    );
  });

  it('survives random garbage from many clients', async () => {
    const { server } = await start();
    for (let round = 0; round < 20; round += 1) {
      const peer = await RawPeer.open(server.port);
      peers.push(peer);
      peer.write(Buffer.from(Array.from({ length: 2000 }, () => Math.floor(Math.random() * 256))));
      if (round % 2 === 0) peer.destroy();
    }
    const next = await connect(server.port);
    next.write('avd name\n');
    expect(await next.untilEndsWith('OK\r\n')).toBe('smsgw_virtual\r\nOK\r\n');
  });

  it('survives a client that vanishes while its SMS is being stored', async () => {
    const stored = deferred();
    const onSms = vi.fn(() => stored.promise);
    const { server } = await start({ onSms });
    const peer = await connect(server.port);
    peer.write('sms send 123 bye\nsms send 123 queued\n');
    // Both pipelined SMS are being stored at once (group commit), neither answered yet.
    await vi.waitFor(() => expect(onSms).toHaveBeenCalledTimes(2));
    peer.socket.resetAndDestroy();
    await peer.closed;
    stored.resolve();
    const next = await connect(server.port);
    next.write('ping\n');
    expect(await next.untilEndsWith('OK\r\n')).toBe('I am alive!\r\nOK\r\n');
    // Lines already received are still honoured: the client had sent them.
    expect(onSms).toHaveBeenCalledTimes(2);
  });

  it('closes the connection on quit, after answering what came before it', async () => {
    const { server, sms } = await start();
    const peer = await connect(server.port);
    peer.write('sms send 1 a\nquit\nsms send 1 never\n');
    await peer.closed;
    expect(peer.text).toBe('OK\r\n');
    expect(sms).toEqual([['1', 'a']]);
  });

  it('closes a connection that has not authenticated within the auth timeout, saying so', async () => {
    const { server } = await start({ authToken: 'secret', authTokenPath: '/t', authTimeoutMs: 200 });
    const peer = await connect(server.port, "'/t'\r\nOK\r\n");
    peer.write('ping\n');
    await peer.closed;
    expect(peer.text).toBe('I am alive!\r\nOK\r\nKO: authentication timeout\r\n');
  });

  it('keeps an authenticated connection past the auth timeout', async () => {
    const { server, sms } = await start({ authToken: 'secret', authTokenPath: '/t', authTimeoutMs: 200 });
    const peer = await connect(server.port, "'/t'\r\nOK\r\n");
    peer.write('auth secret\n');
    await peer.untilEndsWith('OK\r\n');
    await new Promise((resolve) => setTimeout(resolve, 600));
    peer.reset();
    peer.write('sms send +15551234 still here\n');
    expect(await peer.untilEndsWith('\r\n')).toBe('OK\r\n');
    expect(sms).toEqual([['+15551234', 'still here']]);
  });

  it('with auth off, closes a connection that sent nothing within the timeout and keeps one that did', async () => {
    const { server } = await start({ authTimeoutMs: 200 });
    const silent = await connect(server.port);
    const talking = await connect(server.port);
    talking.write('ping\n');
    await talking.untilEndsWith('OK\r\n');
    await silent.closed;
    expect(silent.text).toBe('KO: authentication timeout\r\n');
    talking.reset();
    talking.write('ping\n');
    expect(await talking.untilEndsWith('OK\r\n')).toBe('I am alive!\r\nOK\r\n');
  });

  it('refuses the connection past its cap with a KO line, and serves again once one closes', async () => {
    const { server } = await start({ maxConnections: 2 });
    const first = await connect(server.port);
    await connect(server.port);
    const refused = await RawPeer.open(server.port);
    peers.push(refused);
    await refused.closed;
    expect(refused.text).toBe('KO: too many console connections (max 2), try again later\r\n');
    first.destroy();
    await first.closed;
    await vi.waitFor(
      async () => {
        const next = await RawPeer.open(server.port);
        peers.push(next);
        expect(await next.until((text) => text.includes('OK\r\n'))).toBe(noAuthBanner);
      },
      { timeout: 10_000 },
    );
  });

  it('holds at most its default number of idle connections, the one past it refused', async () => {
    const { server } = await start();
    const held = await Promise.all(Array.from({ length: consoleDefaults.maxConnections }, () => connect(server.port)));
    expect(held).toHaveLength(consoleDefaults.maxConnections);
    const refused = await RawPeer.open(server.port);
    peers.push(refused);
    await refused.closed;
    expect(refused.text).toBe(
      `KO: too many console connections (max ${consoleDefaults.maxConnections}), try again later\r\n`,
    );
  });

  it('rejects with port-unavailable when the port is taken', async () => {
    const { server } = await start();
    const error = await start({ port: server.port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsgwError);
    expect((error as SmsgwError).code).toBe('port-unavailable');
  });

  it('drops its clients on close', async () => {
    const { server } = await start();
    const peer = await connect(server.port);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await peer.closed;
    await expect(
      new Promise((resolve, reject) =>
        net.connect(server.port, '127.0.0.1').once('connect', resolve).once('error', reject),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
