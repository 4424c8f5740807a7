import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../android-app/src/engine/ports';
import { ConsoleClient, ConsoleReplyError } from '../console/index';
import { parseDefect } from './defects';
import { plantDefects } from './planted-defects';
import { refusedReason, runVirtualDevice, type RunningVirtualDevice } from './run-virtual-device';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const devices: RunningVirtualDevice[] = [];
const clients: ConsoleClient[] = [];
/** Retries the harness gives a KO with the same text. */
const RETRIES = 5;

async function start(defects: readonly string[], seed = 1): Promise<RunningVirtualDevice> {
  const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-rvd-'));
  const device = await runVirtualDevice({
    consolePort: 0,
    healthPort: 0,
    // Nothing listens on the discard port: stored SMS stay in the queue, where totalToday counts them.
    webhookUrl: 'http://127.0.0.1:9/webhook',
    secret: null,
    dbPath: join(dir, 'device.sqlite'),
    deviceId: 'virtual-test',
    authToken: null,
    authTokenPath: join(dir, 'token'),
    avdName: 'smsgw_virtual',
    defects: defects.map(parseDefect),
    seed,
    logger: quiet,
  });
  devices.push(device);
  return device;
}

async function connect(device: RunningVirtualDevice): Promise<ConsoleClient> {
  // A generous reply timeout: a hung line must stay unanswered, not time out, while the test looks.
  const client = await ConsoleClient.connect({ port: device.consolePort, authToken: null, timeoutMs: 120_000 });
  clients.push(client);
  return client;
}

/** What the console answered: 'OK', or the KO reason. */
const outcome = (sent: Promise<void>): Promise<string> =>
  sent.then(
    () => 'OK',
    (error: unknown) => (error instanceof ConsoleReplyError ? error.reason : String(error)),
  );

const stored = async (device: RunningVirtualDevice): Promise<number> => (await device.engine.health()).totalToday;

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(devices.splice(0).map((device) => device.stop()));
});

describe('runVirtualDevice with planted defects', () => {
  it('refuses a struck SMS with KO on every retry and stores nothing of it (refuse)', async () => {
    const device = await start(['refuse:50%']);
    const client = await connect(device);
    const answers: string[] = [];
    for (let index = 0; index < 4; index += 1)
      answers.push(await outcome(client.sendSms('+15550001', `message ${index}`)));
    expect(answers.filter((answer) => answer === 'OK')).toHaveLength(2);
    const refused = answers.flatMap((answer, index) => (answer === 'OK' ? [] : [index]));
    expect(answers.filter((answer) => answer !== 'OK')).toEqual([refusedReason, refusedReason]);
    for (const index of refused) {
      for (let retry = 0; retry < RETRIES; retry += 1)
        expect(await outcome(client.sendSms('+15550001', `message ${index}`))).toBe(refusedReason);
    }
    expect(await stored(device)).toBe(2);
  });

  it('answers OK but stores nothing for a sender and text it stored within the minute (dedupe-content)', async () => {
    const device = await start(['dedupe-content']);
    const client = await connect(device);
    for (const [sender, text] of [
      ['+15550001', 'same'],
      ['+15550001', 'same'],
      ['+15550002', 'same'],
      ['+15550001', 'other'],
      ['+15550001', 'same'],
    ] as const) {
      expect(await outcome(client.sendSms(sender, text))).toBe('OK');
    }
    expect(await stored(device)).toBe(3);
  });

  it('never answers a hung SMS, nor the later lines of its connection, while other connections are served and stop() completes (hang)', async () => {
    // The seed whose first hang:50% strike is the first SMS: it hangs, the second is stored.
    const seed = Array.from({ length: 100 }, (_, index) => index).find((candidate) =>
      plantDefects([parseDefect('hang:50%')], candidate).hits('hang'),
    )!;
    const device = await start(['hang:50%'], seed);
    const hung = await connect(device);
    let settled = 0;
    const first = hung.sendSms('+15550001', 'hangs').finally(() => (settled += 1));
    const second = hung
      .sendSms('+15550001', 'stored, but its OK waits behind the hung line')
      .finally(() => (settled += 1));
    void first.catch(() => undefined);
    void second.catch(() => undefined);
    await until(async () => (await stored(device)) === 1);
    // Both lines were handled (the second one stored); another connection is answered; neither line of the hung one is.
    const other = await connect(device);
    expect(await other.avdName()).toBe('smsgw_virtual');
    expect(settled).toBe(0);
    // Stopping closes the hung connection: its lines end unanswered, never OK.
    await device.stop();
    devices.splice(devices.indexOf(device), 1);
    expect(await outcome(first)).toMatch(/closed/);
    expect(await outcome(second)).toMatch(/closed/);
  });
});
