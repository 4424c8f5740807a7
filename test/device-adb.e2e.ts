// `smsgw device` as a standalone process: Debian's real `adb emu sms send` goes in through the console,
// an independent webhook receiver (plain node:http, its own HMAC check) sees a signed POST come out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ConsoleClient } from '../src/device/console/index';
import { describeWithTools } from './support/require-tool';
import { startCli, tempDir, wholeProgramTimeoutMs, type CliRun } from './support/run-cli';
import { startReceiver } from './support/webhook-receiver';

const exec = promisify(execFile);

/**
 * A free even port: adb reads the console port from the serial `emulator-<port>`. Linux hands out
 * odd ports to bind(0), so try random even ones instead.
 */
async function freeEvenPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 10_000);
    const server = createTcpServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
  throw new Error('no free even port found');
}

const until = async (condition: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the webhook');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const validSignature = (secret: string, headers: IncomingHttpHeaders, body: string): boolean => {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${headers['x-timestamp']}.${body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(headers['x-signature']));
  return expected.length === given.length && timingSafeEqual(expected, given);
};

let device: CliRun | null = null;
afterEach(async () => {
  device?.child.kill('SIGKILL');
  device = null;
});

describeWithTools(['adb'], 'smsgw device with the real adb', ({ adb }) => {
  it(
    'delivers an SMS sent by the real `adb emu sms send` to an independent webhook, signed',
    async () => {
      const home = tempDir();
      writeFileSync(join(home, '.emulator_console_auth_token'), 'console-secret-token');
      const receiver = await startReceiver();
      const port = await freeEvenPort();
      const secret = 'webhook-secret';
      device = startCli(
        [
          'device',
          '--webhook',
          receiver.url,
          '--secret',
          secret,
          '--console-port',
          String(port),
          '--health-port',
          '0',
          '--db',
          join(home, 'q.sqlite'),
        ],
        { HOME: home },
      );
      await device.waitFor(/console on 127\.0\.0\.1:\d+/);

      const sent = await exec(adb, ['-s', `emulator-${port}`, 'emu', 'sms', 'send', '+15551234', 'hello'], {
        env: { ...process.env, HOME: home },
      });
      expect(sent.stdout).not.toMatch(/KO/);
      await until(() => receiver.received.length === 1);

      const [request] = receiver.received;
      const payload = JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
      expect(payload).toMatchObject({ from: '+15551234', text: 'hello', parts: 1, simSlot: 0 });
      expect(request?.headers['idempotency-key']).toBe(payload.messageId);
      expect(validSignature(secret, request?.headers ?? {}, request?.body ?? '')).toBe(true);
      expect(validSignature('another-secret', request?.headers ?? {}, request?.body ?? '')).toBe(false);
      receiver.close();
    },
    wholeProgramTimeoutMs,
  );

  it(
    'prints only OK for `adb emu sms send` with the token file smsgw device created, no KO before it',
    async () => {
      const home = tempDir();
      const receiver = await startReceiver();
      const port = await freeEvenPort();
      device = startCli(
        [
          'device',
          '--webhook',
          receiver.url,
          '--console-port',
          String(port),
          '--health-port',
          '0',
          '--db',
          join(home, 'q.sqlite'),
        ],
        { HOME: home },
      );
      await device.waitFor(/created the console auth token/);
      await device.waitFor(/console on 127\.0\.0\.1:\d+/);

      const sent = await exec(adb, ['-s', `emulator-${port}`, 'emu', 'sms', 'send', '+15551234', 'hello'], {
        env: { ...process.env, HOME: home },
      });
      expect(sent.stdout).toBe('OK\r\n');
      await until(() => receiver.received.length === 1);
      receiver.close();
    },
    wholeProgramTimeoutMs,
  );
});

describe('smsgw device', { timeout: wholeProgramTimeoutMs }, () => {
  it('finishes the send in flight on SIGTERM, exits 0, and leaves the message delivered on disk', async () => {
    const dir = tempDir();
    const receiver = await startReceiver(1_500);
    const dbPath = join(dir, 'q.sqlite');
    device = startCli([
      'device',
      '--webhook',
      receiver.url,
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--db',
      dbPath,
      '--auth-token-file',
      join(dir, 'none'),
    ]);
    await device.waitFor(/console on 127\.0\.0\.1:\d+/);
    const port = Number(/console on 127\.0\.0\.1:(\d+)/.exec(device.output())?.[1]);
    const client = await ConsoleClient.connect({ port, authToken: null });
    await client.sendSms('+15550001', 'in flight at shutdown');
    await client.close();
    await until(() => receiver.started === 1);

    device.child.kill('SIGTERM');
    const result = await device.done;
    expect(result.code, result.stderr).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT status FROM messages').all()).toEqual([{ status: 'delivered' }]);
    db.close();
    receiver.close();
  });
});
