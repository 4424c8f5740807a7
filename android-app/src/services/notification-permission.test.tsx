import { describe, expect, it } from '@jest/globals';
import { FakeTransport } from '../../test/support';
import type { SqlDb } from '../engine';
import { FakeDeviceSetup } from '../../test/support/fake-app-service';
import { FakeInbox } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';
import { createAppService } from './app-service';
import {
  ensureNotificationPermission,
  notificationPermissionState,
  settingsMemory,
  type NotificationPermissionDeps,
} from './notification-permission';
import { createOpSqliteDb } from './op-sqlite-db';

/** One start of the app over a database that outlives it: the settings are real SQLite. */
async function start(db: SqlDb, device: FakeDeviceSetup): Promise<NotificationPermissionDeps> {
  const service = await createAppService({
    db,
    transport: new FakeTransport(),
    inbox: new FakeInbox(),
    newDeviceId: () => 'p',
  });
  return { device, memory: settingsMemory(service) };
}

function phone(apiLevel: number): { db: SqlDb; device: FakeDeviceSetup } {
  const device = new FakeDeviceSetup();
  device.apiLevel = apiLevel;
  device.missing = ['notifications'];
  return { db: createOpSqliteDb(fakeOpSqlite()), device };
}

describe('ensureNotificationPermission', () => {
  it('asks nothing below Android 13, where notifications need no permission', async () => {
    const { db, device } = phone(32);
    device.missing = [];
    const deps = await start(db, device);
    expect(await ensureNotificationPermission(deps, { askAgain: true })).toBe('not-needed');
    expect(device.requested).toEqual([]);
  });

  it('asks once on Android 13 and reports it granted', async () => {
    const { db, device } = phone(33);
    const deps = await start(db, device);
    expect(await notificationPermissionState(deps)).toBe('not-asked');
    expect(await ensureNotificationPermission(deps)).toBe('granted');
    expect(await ensureNotificationPermission(deps)).toBe('granted');
    expect(device.requested).toEqual(['notifications']);
  });

  it('remembers a refusal across a restart and does not ask again by itself', async () => {
    const { db, device } = phone(34);
    device.answers.notifications = 'denied';
    expect(await ensureNotificationPermission(await start(db, device))).toBe('declined');

    const restarted = await start(db, device);
    expect(await notificationPermissionState(restarted)).toBe('declined');
    expect(await ensureNotificationPermission(restarted)).toBe('declined');
    expect(device.requested).toEqual(['notifications']);
  });

  it("asks again after a refusal when it is the user's own tap, and forgets the refusal once granted", async () => {
    const { db, device } = phone(34);
    device.answers.notifications = 'denied';
    const deps = await start(db, device);
    await ensureNotificationPermission(deps);
    device.answers.notifications = 'granted';
    expect(await ensureNotificationPermission(deps, { askAgain: true })).toBe('granted');
    expect(device.requested).toEqual(['notifications', 'notifications']);
    device.missing = ['notifications']; // revoked later in the system settings
    expect(await notificationPermissionState(await start(db, device))).toBe('not-asked');
  });

  it('says blocked when Android answers without a dialog, and remembers the refusal', async () => {
    const { db, device } = phone(35);
    device.answers.notifications = 'never_ask_again';
    expect(await ensureNotificationPermission(await start(db, device))).toBe('blocked');
    expect(await notificationPermissionState(await start(db, device))).toBe('declined');
  });

  it('asks nothing when the permission is already granted', async () => {
    const { db, device } = phone(34);
    device.missing = [];
    expect(await ensureNotificationPermission(await start(db, device), { askAgain: true })).toBe('granted');
    expect(device.requested).toEqual([]);
  });
});
