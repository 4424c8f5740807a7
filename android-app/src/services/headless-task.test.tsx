import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../engine';
import { FakeTransport } from '../../test/support';
import { createAppService } from './app-service';
import { createHeadlessTask, parseReason } from './headless-task';
import { createOpSqliteDb } from './op-sqlite-db';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

async function setup() {
  const connection = fakeOpSqlite();
  const inbox = new FakeInbox();
  const transport = new FakeTransport();
  const service = await createAppService({
    db: createOpSqliteDb(connection),
    transport,
    inbox,
    newDeviceId: () => 'phone-1',
  });
  await service.saveSettings({ webhookUrl: 'https://hooks.example/sms' });
  let periodic = 0;
  const task = createHeadlessTask({
    service: async () => service,
    system: () => ({ schedulePeriodic: async () => void periodic++ }),
    budgetMs: 5_000,
    logger: silentLogger,
  });
  const messages = () => connection.raw.prepare('SELECT seq, status FROM messages ORDER BY seq').all();
  return { task, inbox, transport, messages, periodic: () => periodic };
}

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
    const { task, periodic } = await setup();
    await task({ reason: 'periodic' });
    expect(periodic()).toBe(0);
    await task({ reason: 'boot' });
    expect(periodic()).toBe(1);
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
});
