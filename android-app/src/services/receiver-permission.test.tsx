import { describe, expect, it } from '@jest/globals';
import { FakeTransport } from '../../test/support';
import { createAppService } from './app-service';
import { createOpSqliteDb } from './op-sqlite-db';
import { RECEIVER_PAUSED_REASON, syncReceiverPermission } from './receiver-permission';
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
