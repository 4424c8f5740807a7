import { afterEach, describe, expect, it } from '@jest/globals';
import { FakeTransport, networkError, respond } from '../../test/support';
import { createAppService, PAUSED_BY_HAND, type RunningAppService } from './app-service';
import { createOpSqliteDb } from './op-sqlite-db';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

const url = 'https://hooks.example/sms';
const services: RunningAppService[] = [];

async function setup(transport = new FakeTransport()) {
  const connection = fakeOpSqlite();
  const inbox = new FakeInbox();
  const service = await createAppService({
    db: createOpSqliteDb(connection),
    transport,
    inbox,
    newDeviceId: () => 'phone-1',
  });
  services.push(service);
  return { service, inbox, transport, connection };
}

afterEach(async () => {
  for (const service of services.splice(0)) await service.engine.stop();
});

describe('createAppService', () => {
  it('applies saved settings to the running engine', async () => {
    const { service } = await setup();
    const result = await service.saveSettings({ webhookUrl: url, secret: 'k', maxAgeDays: 1, maxAttempts: 7 });
    expect(result.kind).toBe('saved');
    expect(service.engine.config).toMatchObject({
      webhookUrl: url,
      secret: 'k',
      maxAgeMs: 86_400_000,
      maxAttempts: 7,
      deviceId: 'phone-1',
    });
  });

  it('returns every problem with invalid settings and changes nothing', async () => {
    const { service } = await setup();
    expect(await service.saveSettings({ webhookUrl: 'nope', maxAttempts: 0 })).toEqual({
      kind: 'invalid',
      problems: [
        'Expected `webhookUrl` to be an http(s) URL, got "nope"',
        'Expected `maxAttempts` to be a positive integer, got 0',
      ],
    });
    expect(service.engine.config.webhookUrl).toBe('');
  });

  it('classifies the answer to a test webhook like a real delivery', async () => {
    const transport = new FakeTransport(() => respond(400, {}, 'bad payload'));
    const { service } = await setup(transport);
    await service.saveSettings({ webhookUrl: url, secret: 'k' });
    expect(await service.sendTestWebhook()).toMatchObject({
      kind: 'reject',
      category: 'http-rejected',
      httpStatus: 400,
    });
    expect(transport.requests[0]?.headers['X-Signature']).toMatch(/^sha256=/);
  });

  it('pauses forwarding by hand, says so in health, and remembers it after a restart', async () => {
    const { service, connection } = await setup();
    await service.saveSettings({ webhookUrl: url });
    await service.setPaused(true);
    expect((await service.load()).paused?.reason).toBe(PAUSED_BY_HAND);
    const restarted = await createAppService({
      db: createOpSqliteDb(connection),
      transport: new FakeTransport(),
      inbox: new FakeInbox(),
      newDeviceId: () => 'x',
    });
    expect((await restarted.load()).paused?.reason).toBe(PAUSED_BY_HAND);
    await restarted.setPaused(false);
    expect((await restarted.load()).paused).toBeNull();
  });

  it('drains the inbox and delivers everything within a background pass, then stops', async () => {
    const { service, inbox, transport } = await setup();
    await service.saveSettings({ webhookUrl: url });
    inbox.add(inboxRow(), inboxRow(), inboxRow());
    const result = await service.runBackgroundPass(5_000);
    expect(result).toMatchObject({ created: 3, acknowledged: 3, invalid: 0, recovered: 0, emptied: true });
    // What the headless task plans the next run from: nothing left, so no next due moment.
    expect(result).toMatchObject({ blocked: false, backlog: 0, nextDueAt: null, online: true });
    expect(transport.requests).toHaveLength(3);
    const health = await service.load();
    expect(health).toMatchObject({ delivered: 3, queueSize: 0, dispatcherRunning: false });
  });

  it('does not sit out the budget when no webhook is configured, and keeps the SMS', async () => {
    const { service, inbox } = await setup();
    inbox.add(inboxRow());
    const startedAt = Date.now();
    expect(await service.runBackgroundPass(20_000)).toMatchObject({ created: 1, emptied: false });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect((await service.load()).queueSize).toBe(1);
  });

  it('returns within the budget while the webhook keeps failing, with nothing lost', async () => {
    const { service, inbox } = await setup(new FakeTransport(() => networkError('ECONNREFUSED')));
    await service.saveSettings({ webhookUrl: url });
    inbox.add(inboxRow());
    expect(await service.runBackgroundPass(300)).toMatchObject({ created: 1, emptied: false });
    expect(await service.load()).toMatchObject({ retrying: 1, queueSize: 1 });
  });

  it('keeps dispatching while the screen holds it, after a background pass ends', async () => {
    const { service } = await setup();
    const release = service.hold();
    await service.runBackgroundPass(100);
    expect((await service.load()).dispatcherRunning).toBe(true);
    await release();
    expect((await service.load()).dispatcherRunning).toBe(false);
  });

  it('replays failed messages through the engine', async () => {
    const { service, inbox } = await setup(new FakeTransport(() => respond(422)));
    await service.saveSettings({ webhookUrl: url });
    inbox.add(inboxRow());
    await service.runBackgroundPass(2_000);
    const [failed] = await service.listMessages({ status: 'failed' });
    expect(failed).toBeDefined();
    expect(await service.replayFailed([failed!.messageId])).toBe(1);
    expect(await service.listMessages({ status: 'failed' })).toEqual([]);
  });

  it("reads the engine's error log for the Errors screen, one entry per rejected message", async () => {
    const { service, inbox } = await setup(new FakeTransport(() => respond(422, {}, 'bad payload')));
    await service.saveSettings({ webhookUrl: url });
    inbox.add(inboxRow(), inboxRow());
    await service.runBackgroundPass(2_000);
    const failedIds = (await service.listMessages({ status: 'failed' })).map((message) => message.messageId);
    const errors = await service.listErrors();
    expect(failedIds).toHaveLength(2);
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining(
        failedIds.map((messageId) =>
          expect.objectContaining({ category: 'http-rejected', httpStatus: 422, messageId }),
        ),
      ),
    );
    expect(await service.listErrors(1)).toEqual(errors.slice(0, 1));
  });
});
