import { afterEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '../engine';
import { FakeClock, FakeTransport } from '../../test/support';
import { FakeInbox } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';
import { FakeRecoveryLedger, FakeSmsStore, storeSms } from '../../test/support/fake-recovery';
import { appDefaults } from '../config/app-defaults';
import { createAppService, type RunningAppService } from './app-service';
import { createOpSqliteDb } from './op-sqlite-db';

const services: RunningAppService[] = [];

afterEach(async () => {
  for (const service of services.splice(0)) await service.engine.stop();
});

interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

function collectingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A phone: the engine's database, the native inbox with its recovery ledger, and the SMS store. */
function phone() {
  const clock = new FakeClock();
  const connection = fakeOpSqlite();
  const inbox = new FakeInbox();
  const ledger = new FakeRecoveryLedger(inbox, () => clock.now());
  const store = new FakeSmsStore();
  const permission = { readSms: true };
  const log: LogLine[] = [];
  const start = async () => {
    const service = await createAppService({
      db: createOpSqliteDb(connection),
      transport: new FakeTransport(),
      inbox,
      clock,
      newDeviceId: () => 'phone-1',
      recovery: {
        store,
        ledger,
        readSmsGranted: async () => permission.readSms,
        logger: collectingLogger(log),
      },
    });
    services.push(service);
    return service;
  };
  /** An SMS the phone stored long enough ago that no broadcast of it can still be on its way. */
  const settled = () => storeSms({ receivedAt: clock.now() - 2 * appDefaults.recovery.settleMs });
  const bodies = async (service: RunningAppService) =>
    (await service.listMessages({ limit: 100 })).map((message) => message.body).sort();
  return { clock, inbox, ledger, store, permission, log, start, settled, bodies };
}

describe('the app service with recovery', () => {
  it('moves an SMS the receiver missed into the engine exactly once, beside the captured ones', async () => {
    const { clock, ledger, store, start, settled, bodies } = phone();
    store.add(settled()); // before the app: never forwarded
    const service = await start();
    expect(await service.drainInbox()).toEqual({ created: 0, acknowledged: 0, invalid: 0, recovered: 0 });

    const [captured] = store.add({ ...settled(), body: 'captured' });
    ledger.capture(captured!);
    store.add({ ...settled(), body: 'missed while force-stopped' });
    clock.advance(appDefaults.recovery.intervalMs);
    expect(await service.drainInbox()).toEqual({ created: 2, acknowledged: 2, invalid: 0, recovered: 1 });

    clock.advance(appDefaults.recovery.intervalMs);
    expect(await service.drainInbox()).toEqual({ created: 0, acknowledged: 0, invalid: 0, recovered: 0 });
    expect(await bodies(service)).toEqual(['captured', 'missed while force-stopped']);
  });

  it('scans on the first drain after every start, and otherwise at most once per interval', async () => {
    const { clock, store, start, settled } = phone();
    const first = await start();
    await first.drainInbox();
    store.add(settled());
    expect((await first.drainInbox()).recovered).toBe(0);
    clock.advance(appDefaults.recovery.intervalMs);
    expect((await first.drainInbox()).recovered).toBe(1);
    store.add(settled());
    expect((await first.drainInbox()).recovered).toBe(0);

    await first.engine.stop();
    const restarted = await start();
    expect((await restarted.drainInbox()).recovered).toBe(1);
  });

  it('logs a failing scan and still drains what the receiver captured', async () => {
    const { ledger, store, log, start, bodies } = phone();
    store.failRead = new Error('READ_SMS is not granted: the app cannot read the phone SMS store');
    ledger.capture({ sender: '+15550009', body: 'captured while the store is unreadable', smscTimestamp: 1 });
    const service = await start();
    expect(await service.drainInbox()).toEqual({ created: 1, acknowledged: 1, invalid: 0, recovered: 0 });
    expect(await bodies(service)).toEqual(['captured while the store is unreadable']);
    expect(log).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: { error: expect.stringContaining('READ_SMS') } }),
    );
  });

  it('reports what a background pass recovered', async () => {
    const { store, ledger, start, settled } = phone();
    ledger.checkpointValue = 0;
    store.add(settled(), settled());
    const service = await start();
    expect(await service.runBackgroundPass(100)).toMatchObject({ created: 2, recovered: 2, emptied: false });
  });

  it('never reads the SMS store while recovery is off in Settings, and scans as soon as it is on', async () => {
    const { ledger, store, start, settled } = phone();
    const service = await start();
    await service.saveSettings({ recoverMissedSms: false });
    store.add(settled());
    ledger.capture({ sender: '+15550010', body: 'captured', smscTimestamp: 1 });
    expect(await service.drainInbox()).toMatchObject({ created: 1, recovered: 0 });
    expect(ledger.checkpointValue).toBeNull();
    expect(store.reads).toEqual([]);

    await service.saveSettings({ recoverMissedSms: true });
    await service.drainInbox();
    expect(ledger.checkpointValue).toBe(1);
  });

  it('never reads the SMS store without READ_SMS, and scans once it is granted', async () => {
    const { ledger, store, permission, start, settled } = phone();
    permission.readSms = false;
    const service = await start();
    store.add(settled());
    expect((await service.drainInbox()).recovered).toBe(0);
    expect(ledger.checkpointValue).toBeNull();
    expect(store.reads).toEqual([]);

    permission.readSms = true;
    await service.drainInbox();
    expect(ledger.checkpointValue).toBe(1);
  });
});
