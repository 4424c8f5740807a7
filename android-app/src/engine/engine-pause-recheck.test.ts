import { describe, expect, it } from 'vitest';
import { engineOnDisk } from '../../test/support/engine-on-disk';
import { networkError, respond } from '../../test/support/fake-transport';
import { testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';
import type { SqlDb } from './ports';

const setup = engineOnDisk();

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const long = 20_000;
const rows = (db: SqlDb) =>
  db.all<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM messages ORDER BY id',
  );
const allAre = (db: SqlDb, status: string) => async () => (await rows(db)).every((row) => row.status === status);

// fixedRandom(0.5) makes each recheck wait three quarters of its step: 3.75 s, then 7.5 s, then 15 s.
const firstRecheckMs = 3_750;

describe('a queue paused by a send rechecks the webhook', () => {
  it('pauses on a redirect, sends one message when the recheck is due, and resumes once the server answers again', async () => {
    let redirecting = true;
    const { engine, transport, db, clock } = await setup({
      config: { concurrency: 1 },
      handler: () => (redirecting ? respond(302, { location: 'https://hooks.example/elsewhere' }) : respond(200)),
    });
    engine.start();
    for (let i = 0; i < 4; i++) await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    expect((await engine.health()).paused?.reason).toBe(
      'Webhook redirects (302 to https://hooks.example/elsewhere): set the final URL',
    );
    redirecting = false;
    clock.advance(firstRecheckMs - 1);
    await settle();
    expect(transport.requests).toHaveLength(1);
    clock.advance(1);
    await waitFor(allAre(db, 'delivered'), 'all delivered', long);
    expect((await engine.health()).paused).toBeNull();
    // Nothing was counted against the messages: a redirect is the configuration's fault, not theirs.
    expect((await rows(db)).map((row) => row.attempts)).toEqual([1, 1, 1, 1]);
    expect(transport.requests).toHaveLength(5);
  });

  it('doubles the wait after each recheck that pauses again, one message a recheck', async () => {
    const { engine, transport, clock } = await setup({ config: { concurrency: 4 }, handler: () => respond(401) });
    engine.start();
    for (let i = 0; i < 3; i++) await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    await settle();
    const before = transport.requests.length;
    clock.advance(firstRecheckMs);
    await waitFor(() => transport.requests.length === before + 1, 'first recheck', long);
    await settle();
    clock.advance(2 * firstRecheckMs - 1);
    await settle();
    expect(transport.requests).toHaveLength(before + 1);
    clock.advance(1);
    await waitFor(() => transport.requests.length === before + 2, 'second recheck', long);
    await settle();
    expect(transport.requests).toHaveLength(before + 2);
    expect((await engine.health()).paused?.reason).toMatch(/credentials.*HTTP 401/);
  });

  it('pauses on an untrusted certificate and says why in health and the error log; nothing is attempted twice or given up', async () => {
    const { engine, transport, db, clock } = await setup({
      config: { concurrency: 1 },
      handler: () => networkError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
    });
    engine.start();
    for (let i = 0; i < 3; i++) await engine.enqueue(testSms());
    const why = 'TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it';
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    await settle();
    const health = await engine.health();
    expect(health).toMatchObject({
      status: 'down',
      paused: { reason: why, category: 'configuration' },
      lastError: { message: why, category: 'configuration' },
      gaveUp: 0,
      failed: 0,
    });
    expect(health.reasons).toContain(`queue paused: ${why}`);
    expect((await engine.listErrors(1))[0]).toMatchObject({ category: 'configuration', message: why });
    expect(await rows(db)).toEqual([
      { status: 'pending', attempts: 0, last_error: why },
      { status: 'pending', attempts: 0, last_error: null },
      { status: 'pending', attempts: 0, last_error: null },
    ]);
    // A day of rechecks later: the certificate is still untrusted, so still nothing is given up.
    for (let recheck = 0; recheck < 6; recheck++) {
      const sent = transport.requests.length;
      const at = clock.nextTimerAt();
      expect(at).not.toBeNull();
      clock.advance(at! - clock.now());
      await waitFor(() => transport.requests.length === sent + 1, `recheck ${recheck + 1}`, long);
      await settle();
    }
    expect(await engine.health()).toMatchObject({ paused: { reason: why }, gaveUp: 0, failed: 0, pending: 3 });
  });

  it('lifts the pause when a recheck gets an answer that is no configuration fault, and lets the category decide', async () => {
    const answers = [networkError('CERT_HAS_EXPIRED'), respond(503)];
    const { engine, db, clock } = await setup({
      config: { concurrency: 1 },
      handler: () => answers.shift() ?? respond(200),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    clock.advance(firstRecheckMs);
    await waitFor(allAre(db, 'retrying'), 'retrying after the 503', long);
    expect((await engine.health()).paused).toBeNull();
    const at = clock.nextTimerAt();
    clock.advance(at! - clock.now());
    await waitFor(allAre(db, 'delivered'), 'delivered', long);
  });

  it('never rechecks a pause by hand', async () => {
    const { engine, transport, clock } = await setup({ handler: () => respond(302) });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    engine.pause('maintenance');
    await settle();
    const sent = transport.requests.length;
    clock.advance(24 * 3_600_000);
    await settle();
    expect(transport.requests).toHaveLength(sent);
    expect((await engine.health()).paused?.reason).toBe('maintenance');
  });

  it('never rechecks a missing webhook URL: nothing but a person can set one', async () => {
    const { engine, transport, clock } = await setup({ config: { webhookUrl: '' } });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await engine.health()).paused !== null, 'paused', long);
    clock.advance(24 * 3_600_000);
    await settle();
    expect(transport.requests).toHaveLength(0);
  });
});
