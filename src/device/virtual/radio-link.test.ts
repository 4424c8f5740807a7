// The virtual phone's link and Doze: the radio's console answers the emulator's `network` and `gsm`
// commands over real TCP and keeps the state, and the app (its own process) lives under it, also
// after a restart.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWithTools } from '../../../test/support/require-tool';
import { startPhone, until, type TestPhone } from '../../../test/support/virtual-phone';
import { ConsoleClient, ConsoleReplyError } from '../console/index';

const phones: TestPhone[] = [];
const clients: ConsoleClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(phones.splice(0).map((phone) => phone.radio.stop()));
});

async function start(): Promise<{ phone: TestPhone; client: ConsoleClient }> {
  const phone = await startPhone();
  phones.push(phone);
  const client = await ConsoleClient.connect({ port: phone.radio.consolePort, authToken: null });
  clients.push(client);
  return { phone, client };
}

/** The console's answer to one command: its lines and OK, or `KO: <reason>`. */
const answer = (client: ConsoleClient, line: string): Promise<string> =>
  client.command(line).then(
    (lines) => [...lines, 'OK'].join('\n'),
    (error: unknown) => (error instanceof ConsoleReplyError ? `KO: ${error.reason}` : String(error)),
  );

/** What the running app's engine says of its network, from its own /health. */
async function appNetwork(phone: TestPhone): Promise<string> {
  await until(() => phone.radio.app.state === 'running');
  const response = await fetch(`http://127.0.0.1:${phone.radio.app.port}/health`);
  return ((await response.json()) as { engine: { network: string } }).engine.network;
}

describe("the virtual phone's link, through its console", () => {
  it('answers network delay, speed and status as the emulator does, and keeps the link', async () => {
    const { phone, client } = await start();
    expect(await answer(client, 'network delay umts')).toBe('OK');
    expect(await answer(client, 'network speed 14.4:57.6')).toBe('OK');
    expect(await answer(client, 'network status')).toBe(
      [
        'Current network status:',
        '  download speed:      57600 bits/s (7.0 KB/s)',
        '  upload speed:        14400 bits/s (1.8 KB/s)',
        '  minimum latency:  35 ms',
        '  maximum latency:  200 ms',
        'OK',
      ].join('\n'),
    );
    expect(phone.radio.conditions.current.link).toEqual({
      delay: { minMs: 35, maxMs: 200 },
      speed: { upKbps: 14.4, downKbps: 57.6 },
      data: 'home',
    });
    expect(await answer(client, 'network delay none')).toBe('OK');
    expect(await answer(client, 'network speed full')).toBe('OK');
    expect(phone.radio.conditions.current.link.delay).toEqual({ minMs: 0, maxMs: 0 });
    expect(phone.radio.conditions.current.link.speed).toEqual({ upKbps: 0, downKbps: 0 });
  });

  it('answers KO with the emulator words for a bad or missing value, and changes nothing', async () => {
    const { phone, client } = await start();
    expect(await answer(client, 'network delay fast')).toBe(
      "KO: invalid <delay> argument, see 'help network delay' for valid values",
    );
    expect(await answer(client, 'network speed')).toBe("KO: missing <speed> argument, see 'help network speed'");
    expect(await answer(client, 'gsm data maybe')).toBe(
      "KO: bad GSM data state name, try 'help gsm data' for list of valid values",
    );
    expect(await answer(client, 'gsm dial 123')).toBe('KO: bad sub-command');
    expect(phone.radio.conditions.current.link).toEqual({
      delay: { minMs: 0, maxMs: 0 },
      speed: { upKbps: 0, downKbps: 0 },
      data: 'home',
    });
  });

  it('cuts the app off with `gsm data off`, also across a restart of the app, and lets it back on with `gsm data on`', async () => {
    const { phone, client } = await start();
    expect(await appNetwork(phone)).toBe('online');
    expect(await answer(client, 'gsm data off')).toBe('OK');
    expect(await answer(client, 'gsm status')).toBe('gsm voice state: home\ngsm data state:  unregistered\nOK');
    await until(async () => (await appNetwork(phone)) === 'offline');
    // A new app process starts under the phone's link as it is.
    await phone.radio.app.kill(60_000);
    await phone.radio.app.start();
    expect(await appNetwork(phone)).toBe('offline');
    expect(await answer(client, 'gsm data on')).toBe('OK');
    await until(async () => (await appNetwork(phone)) === 'online');
  });

  it('takes the app offline while the phone dozes outside a maintenance window, and back when it wakes', async () => {
    const { phone } = await start();
    phone.radio.conditions.setDozing(true);
    await until(async () => (await appNetwork(phone)) === 'offline');
    await phone.radio.app.kill(60_000);
    await phone.radio.app.start();
    // Restarted mid-Doze (long before the first window), it dozes on.
    expect(await appNetwork(phone)).toBe('offline');
    phone.radio.conditions.setDozing(false);
    await until(async () => (await appNetwork(phone)) === 'online');
  });
});

describeWithTools(['adb'], 'the virtual phone with the real adb', ({ adb }) => {
  it('takes `adb emu network delay umts` and `adb emu gsm data off` as an emulator does', async () => {
    const { phone } = await start();
    // A $HOME without a token file: adb sends no auth, and this console asks for none.
    const env = { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'smsgw-adb-home-')) };
    const emu = (...words: string[]) =>
      promisify(execFile)(adb, ['-s', `emulator-${phone.radio.consolePort}`, 'emu', ...words], { env });
    expect((await emu('network', 'delay', 'umts')).stdout).not.toMatch(/KO/);
    expect((await emu('gsm', 'data', 'off')).stdout).not.toMatch(/KO/);
    expect(phone.radio.conditions.current.link).toMatchObject({
      delay: { minMs: 35, maxMs: 200 },
      data: 'unregistered',
    });
    expect((await emu('network', 'delay', 'soon')).stdout).toMatch(/KO: invalid <delay> argument/);
    await until(async () => (await appNetwork(phone)) === 'offline');
  });
});
