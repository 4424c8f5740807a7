import { describe, expect, it } from '@jest/globals';
import { FakeRecoveryLedger, FakeSmsStore, storeSms } from '../../test/support/fake-recovery';
import { recoverMissedSms, type RecoveryOptions } from './recover-sms';

const SETTLE_MS = 60_000;

function setup(pageSize = 50) {
  const time = { now: Date.UTC(2025, 5, 15, 12, 0, 0) };
  const store = new FakeSmsStore();
  const ledger = new FakeRecoveryLedger(undefined, () => time.now);
  const options: RecoveryOptions = { pageSize, settleMs: SETTLE_MS, maxUnpaired: 1_000, now: () => time.now };
  const scan = () => recoverMissedSms(store, ledger, options);
  /** An SMS the phone stored long enough ago that its broadcast can no longer be on its way. */
  const settled = (overrides: Parameters<typeof storeSms>[0] = {}) =>
    storeSms({ receivedAt: time.now - 2 * SETTLE_MS, ...overrides });
  return { time, store, ledger, scan, settled };
}

const inboxTexts = (ledger: FakeRecoveryLedger) => [...ledger.inbox.rows.values()].map((row) => row.body);

describe('recoverMissedSms', () => {
  it('on the first scan only sets the checkpoint to the newest SMS: older ones predate the app', async () => {
    const { store, ledger, scan, settled } = setup();
    store.add(settled(), settled(), settled());
    expect(await scan()).toEqual({ recovered: 0, paired: 0, checkpoint: 3, firstScan: true });
    expect(ledger.checkpointValue).toBe(3);
    expect(ledger.inbox.rows.size).toBe(0);
  });

  it('starts an empty store at 0, so the very first SMS after it is recovered', async () => {
    const { store, ledger, scan, settled } = setup();
    expect(await scan()).toMatchObject({ checkpoint: 0, firstScan: true });
    store.add(settled({ body: 'first ever' }));
    expect(await scan()).toEqual({ recovered: 1, paired: 0, checkpoint: 1, firstScan: false });
    expect(inboxTexts(ledger)).toEqual(['first ever']);
  });

  it('recovers a stored SMS no capture pairs with exactly once, however often it scans', async () => {
    const { store, ledger, scan, settled } = setup();
    await scan();
    const [missed] = store.add(settled({ sender: '+15550001', body: 'sent while force-stopped', simSlot: 1 }));
    expect(await scan()).toMatchObject({ recovered: 1, paired: 0, checkpoint: missed!.storeId });
    expect(await scan()).toMatchObject({ recovered: 0, paired: 0, checkpoint: missed!.storeId });
    expect([...ledger.inbox.rows.values()]).toEqual([
      expect.objectContaining({
        sender: '+15550001',
        body: 'sent while force-stopped',
        smscTimestamp: missed!.smscTimestamp,
        simSlot: 1,
        parts: 1,
      }),
    ]);
  });

  it('pairs stored SMS with their captures and recovers none of them', async () => {
    const { store, ledger, scan, settled } = setup();
    await scan();
    const rows = store.add(settled(), settled());
    for (const row of rows) ledger.capture(row);
    expect(await scan()).toMatchObject({ recovered: 0, paired: 2, checkpoint: rows[1]!.storeId });
    expect(ledger.unpairedCaptures).toEqual([]);
    expect(ledger.inbox.rows.size).toBe(2);
  });

  it('recovers one of two identical SMS when only one was captured, and none when both were', async () => {
    const { store, ledger, scan, settled } = setup();
    await scan();
    const twin = settled({ sender: '+15550002', body: 'same text', smscTimestamp: Date.UTC(2025, 5, 15, 11, 30) });
    store.add(twin, twin);
    ledger.capture(twin);
    expect(await scan()).toMatchObject({ recovered: 1, paired: 1 });
    expect(inboxTexts(ledger)).toEqual(['same text', 'same text']);

    store.add(twin, twin);
    ledger.capture(twin);
    ledger.capture(twin);
    expect(await scan()).toMatchObject({ recovered: 0, paired: 2 });
    expect(ledger.unpairedCaptures).toEqual([]);
  });

  it('stops before a row younger than the settle time and recovers it on a later scan', async () => {
    const { time, store, ledger, scan, settled } = setup();
    await scan();
    const [old] = store.add(settled({ body: 'old' }));
    const [young, younger] = store.add(
      storeSms({ body: 'young', receivedAt: time.now - 1_000 }),
      storeSms({ body: 'younger', receivedAt: time.now }),
    );
    expect(await scan()).toMatchObject({ recovered: 1, checkpoint: old!.storeId });
    expect(inboxTexts(ledger)).toEqual(['old']);

    time.now += SETTLE_MS + 1;
    expect(await scan()).toMatchObject({ recovered: 2, checkpoint: younger!.storeId });
    expect(inboxTexts(ledger)).toEqual(['old', 'young', 'younger']);
    expect(young!.storeId).toBeLessThan(younger!.storeId);
  });

  it('pairs a young row whose broadcast came while it waited instead of recovering it', async () => {
    const { time, store, ledger, scan } = setup();
    await scan();
    const [late] = store.add(storeSms({ body: 'broadcast still on its way', receivedAt: time.now }));
    expect(await scan()).toMatchObject({ recovered: 0, paired: 0 });
    ledger.capture(late!);
    time.now += SETTLE_MS + 1;
    expect(await scan()).toMatchObject({ recovered: 0, paired: 1, checkpoint: late!.storeId });
    expect(ledger.inbox.rows.size).toBe(1);
  });

  it('reads the store page by page and settles each page, pairing captures on any page', async () => {
    const { store, ledger, scan, settled } = setup(2);
    await scan();
    const rows = store.add(settled(), settled(), settled(), settled(), settled());
    ledger.capture(rows[4]!);
    store.reads.length = 0;
    expect(await scan()).toEqual({ recovered: 4, paired: 1, checkpoint: rows[4]!.storeId, firstScan: false });
    expect(store.reads).toEqual([
      { afterId: 0, limit: 2 },
      { afterId: 2, limit: 2 },
      { afterId: 4, limit: 2 },
    ]);
    expect(ledger.settlements.map((page) => page.checkpoint)).toEqual([2, 4, 5]);
    expect(ledger.inbox.rows.size).toBe(5);
  });

  it('keeps the checkpoint when a settlement fails, and the next scan recovers the same SMS once', async () => {
    const { store, ledger, scan, settled } = setup(2);
    await scan();
    store.add(settled({ body: 'a' }), settled({ body: 'b' }), settled({ body: 'c' }));
    ledger.failNextSettle = new Error('SQLITE_FULL: database or disk is full');
    await expect(scan()).rejects.toThrow('SQLITE_FULL');
    expect(ledger.checkpointValue).toBe(0);
    expect(ledger.inbox.rows.size).toBe(0);

    expect(await scan()).toMatchObject({ recovered: 3, checkpoint: 3 });
    expect(await scan()).toMatchObject({ recovered: 0, checkpoint: 3 });
    expect(inboxTexts(ledger)).toEqual(['a', 'b', 'c']);
  });

  it('comes back down when the newest stored SMS were deleted, so an SMS that takes their id again is recovered', async () => {
    const { store, ledger, scan, settled } = setup();
    await scan();
    store.add(settled({ body: 'a' }), settled({ body: 'b' }), settled({ body: 'c' }));
    for (const row of store.rows) ledger.capture(row);
    expect(await scan()).toMatchObject({ paired: 3, checkpoint: 3 });
    store.deleteNewest(2);
    expect(await scan()).toMatchObject({ recovered: 0, checkpoint: 1 });
    const [reused] = store.add(settled({ body: 'arrived while the app was stopped' }));
    expect(reused!.storeId).toBe(2);
    expect(await scan()).toMatchObject({ recovered: 1, checkpoint: 2 });
    expect(inboxTexts(ledger)).toEqual(['a', 'b', 'c', 'arrived while the app was stopped']);
  });
});
