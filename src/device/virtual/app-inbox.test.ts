// The virtual app's inbox as the recovery scan uses it: captures with their own sequence, the
// unpaired list, the checkpoint, and files written before captures had their own sequence.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverMissedSms } from '../../../android-app/src/services/recover-sms';
import type { SmsStoreReader, StoreSms } from '../../../android-app/src/services/native-ports';
import { openAppInbox, type AppInbox } from './app-inbox';

const opened: AppInbox[] = [];
afterEach(() => {
  for (const inbox of opened.splice(0)) inbox.close();
});

const freshPath = (): string => join(mkdtempSync(join(os.tmpdir(), 'smsgw-inbox-')), 'device.inbox.sqlite');

function open(path = freshPath()): AppInbox {
  const inbox = openAppInbox(path);
  opened.push(inbox);
  return inbox;
}

const sms = (body: string, smscTimestamp = 1_000) => ({
  sender: '+15550001',
  body,
  parts: 1,
  smscTimestamp,
  simSlot: 0,
});

/** A store of these rows, ids from 1, stored long ago. */
function storeOf(bodies: readonly string[]): SmsStoreReader {
  const rows: StoreSms[] = bodies.map((body, index) => ({ ...sms(body), storeId: index + 1, receivedAt: 0 }));
  return {
    after: async (afterId, limit) => rows.filter((row) => row.storeId > afterId).slice(0, limit),
    newestId: async () => rows.length,
  };
}

const options = { pageSize: 2, maxUnpaired: 100, settleMs: 0, now: Date.now };

describe('the app inbox under recovery', () => {
  it('gives each capture its own sequence, identical SMS included, and keeps it unpaired after the drain', async () => {
    const inbox = open();
    inbox.capture([sms('same'), sms('same')]);
    const rows = await inbox.pending(10);
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
    await inbox.acknowledge([1, 2]);
    expect(inbox.size()).toBe(0);
    expect((await inbox.unpaired(10)).map((capture) => capture.captureSeq)).toEqual([1, 2]);
  });

  it('pairs two identical captures with two store rows and recovers the third identical one once', async () => {
    const inbox = open();
    await inbox.startAt(0);
    inbox.capture([sms('same'), sms('same')]);
    await inbox.acknowledge([1, 2]);
    const store = storeOf(['same', 'same', 'same']);
    expect(await recoverMissedSms(store, inbox, options)).toMatchObject({ recovered: 1, paired: 2, checkpoint: 3 });
    expect((await inbox.pending(10)).map((row) => [row.id, row.body])).toEqual([[3, 'same']]);
    expect(await inbox.unpaired(10)).toEqual([]);
    expect(await recoverMissedSms(store, inbox, options)).toMatchObject({ recovered: 0, paired: 0, checkpoint: 3 });
  });

  it('starts at the newest store row on its first scan, recovering nothing older than the app', async () => {
    const inbox = open();
    expect(await inbox.checkpoint()).toBeNull();
    expect(await recoverMissedSms(storeOf(['old', 'older']), inbox, options)).toMatchObject({
      recovered: 0,
      firstScan: true,
    });
    expect(await inbox.checkpoint()).toBe(2);
  });

  it('keeps the capture sequence of a file keyed by store ids, its checkpoint, and never reuses a drained sequence', async () => {
    const path = freshPath();
    const old = new Database(path);
    old.exec(`CREATE TABLE inbox (store_id INTEGER PRIMARY KEY, sender TEXT NOT NULL, body TEXT NOT NULL,
                parts INTEGER NOT NULL, smsc_timestamp INTEGER NOT NULL, sim_slot INTEGER NOT NULL,
                received_at INTEGER NOT NULL);
              CREATE TABLE checkpoint (only INTEGER PRIMARY KEY CHECK (only = 1), store_id INTEGER NOT NULL);
              INSERT INTO checkpoint VALUES (1, 40);
              INSERT INTO inbox VALUES (17, '+15550001', 'still queued', 1, 1000, 0, 5);`);
    old.close();
    const inbox = open(path);
    expect((await inbox.pending(10)).map((row) => [row.id, row.body])).toEqual([[17, 'still queued']]);
    expect(await inbox.checkpoint()).toBe(40);
    inbox.capture([sms('new')]);
    expect((await inbox.pending(10)).map((row) => row.id)).toEqual([17, 41]);
  });
});
