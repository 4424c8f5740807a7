import { afterEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '../engine';
import { FakeTransport } from '../../test/support';
import { FakeInbox, inboxRow } from '../../test/support/fake-inbox';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';
import { FakePendingConfiguration } from '../../test/support/fake-pending-configuration';
import { createAppService, type RunningAppService } from './app-service';
import { createOpSqliteDb } from './op-sqlite-db';
import { applyPendingConfiguration } from './pending-configuration';

const services: RunningAppService[] = [];

afterEach(async () => {
  for (const service of services.splice(0)) await service.engine.stop();
});

function collectingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A phone whose engine database survives restarts of the app service, with the native config module. */
function phone() {
  const connection = fakeOpSqlite();
  const inbox = new FakeInbox();
  const config = new FakePendingConfiguration();
  const log: string[] = [];
  const start = async () => {
    const service = await createAppService({
      db: createOpSqliteDb(connection),
      transport: new FakeTransport(),
      inbox,
      newDeviceId: () => 'phone-1',
      logger: collectingLogger(log),
      pendingConfiguration: config,
    });
    services.push(service);
    return service;
  };
  return { inbox, config, log, start };
}

describe('a configuration sent over adb', () => {
  it('is applied at the next drain without asking, persisted, and cleared', async () => {
    const { config, start } = phone();
    const service = await start();
    config.broadcast('http://127.0.0.1:8787/webhook', 's3cret');
    await service.drainInbox();
    expect(await service.settings()).toMatchObject({ webhookUrl: 'http://127.0.0.1:8787/webhook', secret: 's3cret' });
    expect(service.engine.config).toMatchObject({ webhookUrl: 'http://127.0.0.1:8787/webhook', secret: 's3cret' });
    expect(config.current).toBeNull();

    const restarted = await start();
    expect(await restarted.settings()).toMatchObject({ webhookUrl: 'http://127.0.0.1:8787/webhook' });
  });

  it('reaches a running app through its background pass, the way the receiver wakes it', async () => {
    const { config, start } = phone();
    const service = await start();
    await service.saveSettings({ webhookUrl: 'https://old.example/sms' });
    config.broadcast('https://new.example/sms');
    await service.runBackgroundPass(1_000);
    expect(service.engine.config.webhookUrl).toBe('https://new.example/sms');
  });

  it('keeps the current secret when the broadcast carries none', async () => {
    const { config, start } = phone();
    const service = await start();
    await service.saveSettings({ webhookUrl: 'https://old.example/sms', secret: 'kept' });
    config.broadcast('https://new.example/sms');
    await service.drainInbox();
    expect(await service.settings()).toMatchObject({ webhookUrl: 'https://new.example/sms', secret: 'kept' });
  });

  it('is refused, logged and dropped when the settings refuse it, and the drain still moves the SMS', async () => {
    const { config, inbox, log, start } = phone();
    const service = await start();
    await service.saveSettings({ webhookUrl: 'https://ours.example/sms' });
    config.broadcast('ftp://elsewhere.example/', 'hunter2');
    inbox.add(inboxRow());
    expect(await service.drainInbox()).toMatchObject({ created: 1, acknowledged: 1 });
    expect((await service.settings()).webhookUrl).toBe('https://ours.example/sms');
    expect(config.current).toBeNull();
    expect(log.find((line) => line.startsWith('error configuration sent over adb refused'))).toContain(
      'ftp://elsewhere.example/',
    );
  });

  it('never holds back the drain when the native module cannot be read', async () => {
    const { config, inbox, log, start } = phone();
    const service = await start();
    config.failRead = new Error('Native module SmsgwConfig is not linked');
    inbox.add(inboxRow());
    expect(await service.drainInbox()).toMatchObject({ created: 1, acknowledged: 1 });
    expect(log.some((line) => line.startsWith('warn could not read the configuration sent over adb'))).toBe(true);
  });

  it('never writes the secret to the log', async () => {
    const { config, log, start } = phone();
    const service = await start();
    config.broadcast('https://new.example/sms', 'hunter2');
    await service.drainInbox();
    config.broadcast('ftp://x', 'hunter2');
    await service.drainInbox();
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.join('\n')).not.toContain('hunter2');
  });

  it('stays pending when saving fails, so the next drain applies it', async () => {
    const { config } = phone();
    const sent = config.broadcast('https://new.example/sms');
    const failing = async () => {
      throw new Error('SQLITE_BUSY');
    };
    expect(await applyPendingConfiguration(config, failing, collectingLogger([]))).toBe('failed');
    expect(config.current).toEqual(sent);
    expect(await applyPendingConfiguration(config, async () => ({ kind: 'saved' }), collectingLogger([]))).toBe(
      'applied',
    );
    expect(config.current).toBeNull();
  });
});
