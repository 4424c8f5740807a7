import { describe, expect, it } from '@jest/globals';
import { FakeTransport } from '../../test/support';
import { createAppService } from './app-service';
import { createOpSqliteDb } from './op-sqlite-db';
import {
  RECEIVER_PAUSED_REASON,
  receiverBlockedHelp,
  requestReceiverPermission,
  syncReceiverPermission,
} from './receiver-permission';
import { FakeInbox } from '../../test/support/fake-inbox';
import { FakeDeviceSetup } from '../../test/support/fake-app-service';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

async function setup() {
  return createAppService({
    db: createOpSqliteDb(fakeOpSqlite()),
    transport: new FakeTransport(),
    inbox: new FakeInbox(),
    newDeviceId: () => 'p',
  });
}

describe('syncReceiverPermission', () => {
  it('reports the receiver paused in health while RECEIVE_SMS is missing', async () => {
    const service = await setup();
    const device = new FakeDeviceSetup();
    device.missing = ['receive-sms'];
    expect(await syncReceiverPermission(device, service.engine)).toBe(false);
    const health = await service.load();
    expect(health.receiverPaused).toEqual({ reason: RECEIVER_PAUSED_REASON, category: 'permissions' });
    expect(health.status).toBe('down');
  });

  it('lifts the pause once the permission is granted', async () => {
    const service = await setup();
    const device = new FakeDeviceSetup();
    device.missing = ['receive-sms'];
    await syncReceiverPermission(device, service.engine);
    device.missing = [];
    expect(await syncReceiverPermission(device, service.engine)).toBe(true);
    expect((await service.load()).receiverPaused).toBeNull();
  });

  it('does not pause the receiver for a missing notification permission alone', async () => {
    const service = await setup();
    const device = new FakeDeviceSetup();
    device.missing = ['notifications'];
    await syncReceiverPermission(device, service.engine);
    expect((await service.load()).receiverPaused).toBeNull();
  });
});

describe('requestReceiverPermission', () => {
  it('asks for RECEIVE_SMS alone, never for notifications', async () => {
    const device = new FakeDeviceSetup();
    device.missing = ['receive-sms', 'notifications'];
    expect(await requestReceiverPermission(device)).toBe('granted');
    expect(device.requested).toEqual(['receive-sms']);
  });

  it('reads a refusal in the dialog as still missing, so the dialog can be shown again', async () => {
    const device = new FakeDeviceSetup();
    device.answers['receive-sms'] = 'denied';
    expect(await requestReceiverPermission(device)).toBe('missing');
  });

  it('reads "never ask again" as blocked: only the system settings can grant it now', async () => {
    const device = new FakeDeviceSetup();
    device.answers['receive-sms'] = 'never_ask_again';
    expect(await requestReceiverPermission(device)).toBe('blocked');
  });
});

describe('receiverBlockedHelp', () => {
  it('names the way by hand on every Android version', () => {
    for (const apiLevel of [28, 33, 35]) {
      expect(receiverBlockedHelp(apiLevel).steps).toContain('Open app settings → Permissions → SMS → Allow');
    }
  });

  it('explains restricted settings from Android 13 on, and only there', () => {
    expect(receiverBlockedHelp(32).restricted).toBeNull();
    expect(receiverBlockedHelp(33).restricted).toContain('⋮ (top right) → Allow restricted settings');
    expect(receiverBlockedHelp(35).restricted).toContain(
      'Android 15 and later refuse SMS permissions to an app installed from an APK file',
    );
  });
});
