import { describe, expect, it } from '@jest/globals';
import { silentLogger, type NetworkStatus } from '../engine';
import { FakeClock, FakeNetwork, FakeTransport, respond, waitFor, type FakeHandler } from '../../test/support';
import { createAppService, type BackgroundPassResult } from './app-service';
import { createHeadlessTask, parseReason, planFollowUp, type TaskSystem } from './headless-task';
import type { PassReport } from './native-ports';
import { createOpSqliteDb } from './op-sqlite-db';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

/** SmsgwSystem as the task sees it: every call recorded. */
class FakeSystem implements TaskSystem {
  periodic = 0;
  readonly retryAt: number[] = [];
  whenOnline = 0;
  readonly reports: PassReport[] = [];
  failSchedule: Error | null = null;

  async schedulePeriodic() {
    this.periodic++;
  }
  async scheduleRetryAt(epochMs: number) {
    if (this.failSchedule) throw this.failSchedule;
    this.retryAt.push(epochMs);
  }
  async scheduleWhenOnline() {
    this.whenOnline++;
  }
  async reportPass(report: PassReport) {
    this.reports.push(report);
  }
}

const stalledRetryMs = 60_000;

interface SetupOptions {
  readonly clock?: FakeClock;
  readonly network?: NetworkStatus;
  readonly handler?: FakeHandler;
  readonly budgetMs?: number;
}

async function setup(options: SetupOptions = {}) {
  const connection = fakeOpSqlite();
  const inbox = new FakeInbox();
  const transport = new FakeTransport(options.handler);
  const clock = options.clock ?? new FakeClock(Date.now());
  const service = await createAppService({
    db: createOpSqliteDb(connection),
    transport,
    inbox,
    clock,
    ...(options.network ? { network: options.network } : {}),
    newDeviceId: () => 'phone-1',
  });
  await service.saveSettings({ webhookUrl: 'https://hooks.example/sms' });
  const system = new FakeSystem();
  const task = createHeadlessTask({
    service: async () => service,
    system: () => system,
    budgetMs: options.budgetMs ?? 5_000,
    logger: silentLogger,
    now: () => clock.now(),
    stalledRetryMs,
  });
  const messages = () => connection.raw.prepare('SELECT seq, status FROM messages ORDER BY seq').all();
  return { task, inbox, transport, messages, system, service, clock };
}

/** A pass's result with nothing in it; a test overrides what it is about. */
const pass = (overrides: Partial<BackgroundPassResult>): BackgroundPassResult => ({
  created: 0,
  acknowledged: 0,
  invalid: 0,
  recovered: 0,
  emptied: false,
  blocked: false,
  backlogAtStart: 0,
  backlog: 0,
  nextDueAt: null,
  online: true,
  ...overrides,
});

describe('the SmsgwTask headless task', () => {
  it('drains the inbox into the engine and delivers it', async () => {
    const { task, inbox, transport, messages } = await setup();
    inbox.add(inboxRow({ id: 1 }), inboxRow({ id: 2 }));
    await task({ reason: 'sms' });
    expect(messages()).toEqual([
      { seq: 1, status: 'delivered' },
      { seq: 2, status: 'delivered' },
    ]);
    expect(inbox.rows.size).toBe(0);
    expect(transport.requests).toHaveLength(2);
  });

  it('acknowledges inbox rows only after they are committed', async () => {
    const { task, inbox, messages } = await setup();
    const seenAtAck: unknown[] = [];
    inbox.onAcknowledge = () => seenAtAck.push(messages().length);
    inbox.add(inboxRow({ id: 3 }));
    await task({ reason: 'sms' });
    expect(seenAtAck).toEqual([1]);
  });

  it('is idempotent: a re-run over rows whose acknowledgement was lost sends nothing twice', async () => {
    const { task, inbox, transport, messages } = await setup();
    inbox.add(inboxRow({ id: 4 }));
    inbox.failAcknowledge = new Error('process killed');
    await expect(task({ reason: 'sms' })).rejects.toThrow('process killed');
    inbox.failAcknowledge = null;
    await task({ reason: 'retry-now' });
    expect(messages()).toEqual([{ seq: 4, status: 'delivered' }]);
    expect(new Set(transport.keys).size).toBe(transport.keys.length);
    expect(inbox.rows.size).toBe(0);
  });

  it('re-schedules the periodic job after a reboot only', async () => {
    const { task, system } = await setup();
    await task({ reason: 'periodic' });
    expect(system.periodic).toBe(0);
    await task({ reason: 'boot' });
    expect(system.periodic).toBe(1);
  });

  it('still runs for a reason it does not know', async () => {
    const { task, inbox, messages } = await setup();
    inbox.add(inboxRow({ id: 5 }));
    await task({ reason: 'from-a-newer-native-side' });
    await task(undefined);
    expect(messages()).toHaveLength(1);
    expect(parseReason({ reason: 'from-a-newer-native-side' })).toBe('unknown');
    expect(parseReason({ reason: 'connectivity' })).toBe('connectivity');
  });

  it('schedules nothing after a pass that emptied the queue, and reports it empty', async () => {
    const { task, inbox, system } = await setup();
    inbox.add(inboxRow({ id: 6 }));
    await task({ reason: 'sms' });
    expect(system.retryAt).toEqual([]);
    expect(system.whenOnline).toBe(0);
    expect(system.reports).toEqual([{ backlog: 0, undelivered: false, retryAt: null }]);
  });

  it("schedules the next run at the engine's next retry time when a send failed", async () => {
    const clock = new FakeClock(Date.now());
    const { task, inbox, system, service } = await setup({
      clock,
      handler: () => respond(503, { 'Retry-After': '3600' }),
    });
    inbox.add(inboxRow({ id: 7 }));
    const running = task({ reason: 'sms' });
    await waitFor(async () => (await service.engine.health()).retrying === 1, 'the failed send recorded', 30_000);
    clock.advance(5_000); // the pass's budget
    const result = await running;
    const [message] = await service.engine.listMessages();
    expect(message?.status).toBe('retrying');
    expect(message!.nextAttemptAt).toBeGreaterThan(clock.now());
    expect(result).toMatchObject({ emptied: false, backlog: 1, nextDueAt: message!.nextAttemptAt });
    expect(system.retryAt).toEqual([message!.nextAttemptAt]);
    expect(system.reports).toEqual([{ backlog: 1, undelivered: false, retryAt: message!.nextAttemptAt }]);
  });

  it('on "retry now", sends the message waiting out a Retry-After at once instead of at its time', async () => {
    const clock = new FakeClock(Date.now());
    let answer = 503;
    const { task, inbox, system, service } = await setup({
      clock,
      handler: () => respond(answer, answer === 503 ? { 'Retry-After': '3600' } : {}),
    });
    inbox.add(inboxRow({ id: 7 }));
    const running = task({ reason: 'sms' });
    await waitFor(async () => (await service.engine.health()).retrying === 1, 'the failed send recorded', 30_000);
    clock.advance(5_000); // the pass's budget
    await running;
    answer = 200;
    // The clock stays where it is: an hour before the message's own time.
    const result = await task({ reason: 'retry-now' });
    const [message] = await service.engine.listMessages();
    expect(message?.status).toBe('delivered');
    expect(result).toMatchObject({ backlog: 0, nextDueAt: null });
    expect(system.reports.at(-1)).toEqual({ backlog: 0, undelivered: false, retryAt: null });
  });

  it('reports the run failed when due work is left, and waits for the network when offline', async () => {
    const network = new FakeNetwork(false);
    const clock = new FakeClock(Date.now());
    const { task, inbox, system, transport, service } = await setup({ clock, network });
    inbox.add(inboxRow({ id: 8 }), inboxRow({ id: 9 }));
    const running = task({ reason: 'sms' });
    await waitFor(async () => (await service.engine.health()).pending === 2, 'the inbox drained', 30_000);
    clock.advance(5_000);
    await running;
    expect(transport.requests).toHaveLength(0);
    expect(system.whenOnline).toBe(1);
    expect(system.retryAt).toEqual([]);
    expect(system.reports).toEqual([{ backlog: 2, undelivered: true, retryAt: null }]);
  });

  it('asks for nothing while forwarding is paused by hand: only a person lifts that', async () => {
    const { task, inbox, system, service } = await setup();
    await service.setPaused(true);
    inbox.add(inboxRow({ id: 10 }));
    await task({ reason: 'sms' });
    expect(system.retryAt).toEqual([]);
    expect(system.reports).toEqual([{ backlog: 1, undelivered: false, retryAt: null }]);
  });

  it('sends no report when the pass throws, so the worker retries, and asks for a later run', async () => {
    const { task, inbox, system, clock } = await setup();
    inbox.add(inboxRow({ id: 11 }));
    inbox.failAcknowledge = new Error('disk I/O error');
    await expect(task({ reason: 'sms' })).rejects.toThrow('disk I/O error');
    expect(system.reports).toEqual([]);
    expect(system.retryAt).toEqual([clock.now() + stalledRetryMs]);
  });

  it('still reports the pass when scheduling the next run is refused', async () => {
    const clock = new FakeClock(Date.now());
    const { task, inbox, system, service } = await setup({
      clock,
      handler: () => respond(503, { 'Retry-After': '3600' }),
    });
    system.failSchedule = new Error('WorkManager is not initialised');
    inbox.add(inboxRow({ id: 12 }));
    const running = task({ reason: 'sms' });
    await waitFor(async () => (await service.engine.health()).retrying === 1, 'the failed send recorded', 30_000);
    clock.advance(5_000);
    await running;
    expect(system.reports).toHaveLength(1);
    expect(system.reports[0]).toMatchObject({ backlog: 1, undelivered: false });
  });
});

describe('planFollowUp', () => {
  const now = 1_000_000;

  it('plans nothing for an empty queue or one paused by hand', () => {
    const none = { retryAt: null, whenOnline: false, undelivered: false };
    expect(planFollowUp(pass({ emptied: true }), now, stalledRetryMs)).toEqual(none);
    expect(planFollowUp(pass({ backlog: 3, nextDueAt: now - 1, blocked: true }), now, stalledRetryMs)).toEqual(none);
  });

  it('runs again when the next retry falls due, the run a success', () => {
    expect(planFollowUp(pass({ backlog: 2, backlogAtStart: 2, nextDueAt: now + 90_000 }), now, stalledRetryMs)).toEqual(
      { retryAt: now + 90_000, whenOnline: false, undelivered: false },
    );
  });

  it('runs again at once while a backlog that is due shrinks, and reports it undelivered', () => {
    expect(planFollowUp(pass({ backlog: 400, backlogAtStart: 900, nextDueAt: now - 5 }), now, stalledRetryMs)).toEqual({
      retryAt: now,
      whenOnline: false,
      undelivered: true,
    });
  });

  it('waits before asking again when due work did not move at all', () => {
    expect(planFollowUp(pass({ backlog: 5, backlogAtStart: 5, nextDueAt: now }), now, stalledRetryMs)).toEqual({
      retryAt: now + stalledRetryMs,
      whenOnline: false,
      undelivered: true,
    });
  });

  it('takes a queue with no due moment as due now', () => {
    expect(planFollowUp(pass({ backlog: 1, backlogAtStart: 1, nextDueAt: null }), now, stalledRetryMs)).toMatchObject({
      undelivered: true,
    });
  });

  it('waits for the network when offline; what was due is still undelivered', () => {
    expect(planFollowUp(pass({ backlog: 1, nextDueAt: now, online: false }), now, stalledRetryMs)).toEqual({
      retryAt: null,
      whenOnline: true,
      undelivered: true,
    });
    expect(planFollowUp(pass({ backlog: 1, nextDueAt: now + 1, online: false }), now, stalledRetryMs)).toMatchObject({
      whenOnline: true,
      undelivered: false,
    });
  });
});
