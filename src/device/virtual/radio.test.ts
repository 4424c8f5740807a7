// The virtual phone as a whole: the radio here, the app in its own process, as `smsgw device` runs them.
import { afterEach, describe, expect, it } from 'vitest';
import { startPhone, until, type TestPhone } from '../../../test/support/virtual-phone';
import { ConsoleClient, ConsoleReplyError } from '../console/index';
import { parseDefect } from './defects';
import { plantDefects } from './planted-defects';
import { refusedReason } from './radio';

const phones: TestPhone[] = [];
const clients: ConsoleClient[] = [];
/** Retries the harness gives a KO with the same text. */
const RETRIES = 5;

async function start(defects: readonly string[] = [], seed = 1, readSms = true): Promise<TestPhone> {
  const phone = await startPhone({ defects, seed, readSms });
  phones.push(phone);
  return phone;
}

async function connect(phone: TestPhone): Promise<ConsoleClient> {
  // A generous reply timeout: a hung line must stay unanswered, not time out, while the test looks.
  const client = await ConsoleClient.connect({ port: phone.radio.consolePort, authToken: null, timeoutMs: 120_000 });
  clients.push(client);
  return client;
}

/** What the console answered: 'OK', or the KO reason. */
const outcome = (sent: Promise<void>): Promise<string> =>
  sent.then(
    () => 'OK',
    (error: unknown) => (error instanceof ConsoleReplyError ? error.reason : String(error)),
  );

const stored = async (phone: TestPhone): Promise<number> => (await phone.health()).totalToday;

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(phones.splice(0).map((phone) => phone.radio.stop()));
});

describe('the virtual phone with planted defects', () => {
  it('refuses a struck SMS with KO on every retry and stores nothing of it (refuse)', async () => {
    const phone = await start(['refuse:50%']);
    const client = await connect(phone);
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
    await until(async () => (await stored(phone)) === 2);
  });

  it('answers OK but stores nothing for a sender and text it stored within the minute (dedupe-content)', async () => {
    const phone = await start(['dedupe-content']);
    const client = await connect(phone);
    for (const [sender, text] of [
      ['+15550001', 'same'],
      ['+15550001', 'same'],
      ['+15550002', 'same'],
      ['+15550001', 'other'],
      ['+15550001', 'same'],
    ] as const) {
      expect(await outcome(client.sendSms(sender, text))).toBe('OK');
    }
    await until(async () => (await stored(phone)) === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored(phone)).toBe(3);
  });

  it('never answers a hung SMS, nor the later lines of its connection, while other connections are served and stop() completes (hang)', async () => {
    // The seed whose first hang:50% strike is the first SMS: it hangs, the second is stored.
    const seed = Array.from({ length: 100 }, (_, index) => index).find((candidate) =>
      plantDefects([parseDefect('hang:50%')], candidate).hits('hang'),
    )!;
    const phone = await start(['hang:50%'], seed);
    const hung = await connect(phone);
    let settled = 0;
    const first = hung.sendSms('+15550001', 'hangs').finally(() => (settled += 1));
    const second = hung
      .sendSms('+15550001', 'stored, but its OK waits behind the hung line')
      .finally(() => (settled += 1));
    void first.catch(() => undefined);
    void second.catch(() => undefined);
    await until(async () => (await stored(phone)) === 1);
    // Both lines were handled (the second one stored); another connection is answered; neither line of the hung one is.
    const other = await connect(phone);
    expect(await other.avdName()).toBe('smsgw_virtual');
    expect(settled).toBe(0);
    // Stopping closes the hung connection: its lines end unanswered, never OK.
    await phone.radio.stop();
    phones.splice(phones.indexOf(phone), 1);
    expect(await outcome(first)).toMatch(/closed/);
    expect(await outcome(second)).toMatch(/closed/);
  });
});

describe('the app apart from the radio', () => {
  it('keeps answering OK while the app is dead, and the next SMS starts the app, which stores them all', async () => {
    const phone = await start();
    const client = await connect(phone);
    await client.sendSms('+15550001', 'before the kill');
    const firstApp = phone.radio.app.pid;
    await phone.radio.app.kill(60_000);
    expect(phone.radio.app.state).toBe('stopped');
    expect(await outcome(client.sendSms('+15550001', 'starts the app again'))).toBe('OK');
    await until(() => phone.radio.app.state === 'running');
    expect(phone.radio.app.pid).not.toBe(firstApp);
    await until(async () => (await stored(phone)) === 2);
  });

  it('starts a killed app again after its restart delay when no SMS comes', async () => {
    const phone = await start();
    await phone.radio.app.kill(200);
    await until(() => phone.radio.app.state === 'running');
  });

  it('recovers what arrived while the app was force-stopped, identical SMS twice, once each, when it is opened', async () => {
    const phone = await start();
    const client = await connect(phone);
    await client.sendSms('+15550001', 'before');
    await phone.radio.app.forceStop();
    for (const text of ['while stopped', 'while stopped', 'also while stopped'])
      expect(await outcome(client.sendSms('+15550001', text))).toBe('OK');
    // No broadcast starts a force-stopped app.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(phone.radio.app.state).toBe('force-stopped');
    await phone.radio.app.start();
    await until(async () => (await stored(phone)) === 4);
    // Opened again, it recovers nothing twice.
    await phone.radio.app.kill(60_000);
    await phone.radio.app.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored(phone)).toBe(4);
  });

  it.each([
    ['skips its recovery scan (no-recovery)', ['no-recovery'], true],
    ['is denied READ_SMS', [], false],
  ] as const)('loses what arrived during a force stop when the app %s', async (_why, defects, readSms) => {
    const phone = await start(defects, 1, readSms);
    const client = await connect(phone);
    await client.sendSms('+15550001', 'before');
    await until(async () => (await stored(phone)) === 1);
    await phone.radio.app.forceStop();
    await client.sendSms('+15550001', 'while stopped');
    await phone.radio.app.start();
    await client.sendSms('+15550001', 'after');
    await until(async () => (await stored(phone)) === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored(phone)).toBe(2);
  });

  it('loses an SMS acknowledged before its commit when the app, denied READ_SMS, is killed in between (ack-before-commit)', async () => {
    const phone = await start(['ack-before-commit'], 1, false);
    const client = await connect(phone);
    await client.sendSms('+15550001', 'acknowledged, not yet committed');
    // The receiver acknowledged it at once; its commit waits: kill now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await phone.radio.app.kill(60_000);
    await client.sendSms('+15550001', 'after the kill');
    await until(async () => (await stored(phone)) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await stored(phone)).toBe(1);
  });

  it('recovers an SMS acknowledged before its commit and killed in between when the app may read the SMS store', async () => {
    const phone = await start(['ack-before-commit']);
    const client = await connect(phone);
    await client.sendSms('+15550001', 'acknowledged, not yet committed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await phone.radio.app.kill(60_000);
    await client.sendSms('+15550001', 'after the kill');
    await until(async () => (await stored(phone)) === 2);
  });

  it('loses at most the one broadcast a killed app was receiving when it may not read the SMS store', async () => {
    const phone = await start([], 1, false);
    const client = await connect(phone);
    const sent = Array.from({ length: 50 }, (_, index) => client.sendSms('+15550001', `burst ${index}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await phone.radio.app.kill(100);
    await Promise.all(sent);
    // The broadcasts still waiting start the next process; only the one being received may be gone.
    await until(async () => phone.radio.app.state === 'running' && (await stored(phone)) >= 49);
    await until(() => phone.radio.app.pendingBroadcasts === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored(phone)).toBeGreaterThanOrEqual(49);
    expect(await stored(phone)).toBeLessThanOrEqual(50);
  });

  it('delivers an SMS whose broadcast died with the app, since a correct app recovers it on start', async () => {
    const phone = await start();
    const client = await connect(phone);
    const sent = Array.from({ length: 50 }, (_, index) => client.sendSms('+15550001', `burst ${index}`));
    // Killed mid-burst: some broadcasts die with it; the SMS store has them all.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await phone.radio.app.kill(100);
    await Promise.all(sent);
    await until(async () => phone.radio.app.state === 'running' && (await stored(phone)) === 50);
  });
});
