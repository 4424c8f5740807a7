import { describe, expect, it } from '@jest/globals';
import { createEngine, type Engine } from '../engine';
import { FakeTransport } from '../../test/support';
import { drainInbox, toInboundSms } from './drain-inbox';
import { createOpSqliteDb } from './op-sqlite-db';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

async function setup() {
  const connection = fakeOpSqlite();
  const engine = await createEngine({
    db: createOpSqliteDb(connection),
    transport: new FakeTransport(),
    config: { webhookUrl: '', deviceId: 'dev-1' },
  });
  const stored = () =>
    connection.raw.prepare('SELECT seq, body, parts FROM messages ORDER BY seq').all() as {
      seq: number;
      body: string;
      parts: number;
    }[];
  return { engine, stored };
}

describe('toInboundSms', () => {
  it('keeps the native row id as the capture sequence and the real part count', () => {
    const sms = toInboundSms(inboxRow({ id: 41, body: 'long text', parts: 3 }));
    expect(sms.captureSeq).toBe(41);
    expect(sms.parts.map((part) => [part.index, part.total, part.body])).toEqual([
      [1, 3, 'long text'],
      [2, 3, ''],
      [3, 3, ''],
    ]);
  });
});

describe('drainInbox', () => {
  it("carries the receiving SIM's subscription id and number from the native inbox into the stored message", async () => {
    const { engine } = await setup();
    const inbox = new FakeInbox().add(
      inboxRow({ id: 1, subscriptionId: 2, receivedOn: '+46700000042' }),
      inboxRow({ id: 2 }),
    );
    await drainInbox(inbox, engine, 10);
    const bySeq = (await engine.listMessages()).sort((a, b) => a.seq - b.seq);
    expect(bySeq.map(({ subscriptionId, receivedOn }) => ({ subscriptionId, receivedOn }))).toEqual([
      { subscriptionId: 2, receivedOn: '+46700000042' },
      { subscriptionId: null, receivedOn: null },
    ]);
  });

  it('stores every row, then acknowledges them', async () => {
    const { engine, stored } = await setup();
    const inbox = new FakeInbox().add(inboxRow({ id: 1, body: 'a' }), inboxRow({ id: 2, body: 'b', parts: 2 }));
    expect(await drainInbox(inbox, engine, 50)).toEqual({ created: 2, acknowledged: 2, invalid: 0 });
    expect(stored()).toEqual([
      { seq: 1, body: 'a', parts: 1 },
      { seq: 2, body: 'b', parts: 2 },
    ]);
    expect(inbox.rows.size).toBe(0);
  });

  it('acknowledges a row only once the engine has committed it', async () => {
    const { engine, stored } = await setup();
    const inbox = new FakeInbox().add(inboxRow({ id: 5 }), inboxRow({ id: 6 }));
    const committedAtAck: number[][] = [];
    inbox.onAcknowledge = () => committedAtAck.push(stored().map((row) => row.seq));
    await drainInbox(inbox, engine, 50);
    expect(committedAtAck).toEqual([[5, 6]]);
  });

  it('works through the inbox in batches', async () => {
    const { engine, stored } = await setup();
    const inbox = new FakeInbox();
    for (let id = 1; id <= 7; id++) inbox.add(inboxRow({ id }));
    await drainInbox(inbox, engine, 3);
    expect(inbox.acknowledged).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(stored()).toHaveLength(7);
  });

  it('stores nothing twice when a drain is repeated after a lost acknowledgement', async () => {
    const { engine, stored } = await setup();
    const inbox = new FakeInbox().add(inboxRow({ id: 9 }));
    inbox.failAcknowledge = new Error('native side crashed');
    await expect(drainInbox(inbox, engine, 50)).rejects.toThrow('native side crashed');
    inbox.failAcknowledge = null;
    expect(await drainInbox(inbox, engine, 50)).toEqual({ created: 0, acknowledged: 1, invalid: 0 });
    expect(stored()).toHaveLength(1);
    expect(inbox.rows.size).toBe(0);
  });

  it('leaves a malformed row in the inbox and still drains the rest', async () => {
    const { engine, stored } = await setup();
    const inbox = new FakeInbox().add(inboxRow({ id: 1, sender: '' }), inboxRow({ id: 2 }));
    expect(await drainInbox(inbox, engine, 1)).toEqual({ created: 1, acknowledged: 1, invalid: 1 });
    expect([...inbox.rows.keys()]).toEqual([1]);
    expect(stored().map((row) => row.seq)).toEqual([2]);
  });

  it('acknowledges what was stored and stops when the database fails', async () => {
    const { engine } = await setup();
    let calls = 0;
    const failing: Pick<Engine, 'enqueue'> = {
      enqueue: (sms) => (++calls === 2 ? Promise.reject(new Error('disk is full')) : engine.enqueue(sms)),
    };
    const inbox = new FakeInbox().add(inboxRow({ id: 1 }), inboxRow({ id: 2 }), inboxRow({ id: 3 }));
    await expect(drainInbox(inbox, failing, 50)).rejects.toThrow('disk is full');
    expect(inbox.acknowledged).toEqual([[1]]);
    expect([...inbox.rows.keys()]).toEqual([2, 3]);
  });

  it('stops instead of spinning when the native side does not delete acknowledged rows', async () => {
    const { engine } = await setup();
    const inbox = new FakeInbox().add(inboxRow({ id: 1 }));
    inbox.deletes = false;
    expect(await drainInbox(inbox, engine, 50)).toEqual({ created: 1, acknowledged: 1, invalid: 0 });
  });
});
