import { describe, expect, it } from '@jest/globals';
import { createOpSqliteDb } from './op-sqlite-db';
import { createSettingsStore, settingsProblems } from './settings-store';
import { fakeOpSqlite } from '../../test/support/fake-op-sqlite';

describe('settingsProblems', () => {
  it('lists every problem at once, naming the field and the value', () => {
    expect(settingsProblems({ webhookUrl: 'not a url', maxAgeDays: 0, maxAttempts: 2.5 })).toEqual([
      'Expected `webhookUrl` to be an http(s) URL, got "not a url"',
      'Expected `maxAgeDays` to be a positive integer, got 0',
      'Expected `maxAttempts` to be a positive integer, got 2.5',
    ]);
  });

  it('names a recovery switch that is not true or false', () => {
    expect(settingsProblems({ recoverMissedSms: 'yes' as unknown as boolean })).toEqual([
      'Expected `recoverMissedSms` to be true or false, got "yes"',
    ]);
  });

  it('names a remembered notification answer that is not true or false', () => {
    expect(settingsProblems({ notificationDeclined: 1 as unknown as boolean })).toEqual([
      'Expected `notificationDeclined` to be true or false, got 1',
    ]);
  });

  it('accepts an empty URL, which holds the queue until one is set', () => {
    expect(settingsProblems({ webhookUrl: '' })).toEqual([]);
  });
});

describe('createSettingsStore', () => {
  it('starts from the defaults with a generated device id', async () => {
    const store = await createSettingsStore(createOpSqliteDb(fakeOpSqlite()), () => 'phone-1');
    expect(await store.load()).toEqual({
      webhookUrl: '',
      secret: '',
      maxAgeDays: 3,
      maxAttempts: 50,
      paused: false,
      recoverMissedSms: true,
      deviceId: 'phone-1',
    });
  });

  it('persists a change across a restart and never regenerates the device id', async () => {
    const connection = fakeOpSqlite();
    const db = createOpSqliteDb(connection);
    const first = await createSettingsStore(db, () => 'phone-1');
    await first.save({ webhookUrl: 'https://hooks.example/sms', secret: 's3cret', paused: true });
    const second = await createSettingsStore(db, () => 'phone-2');
    expect(await second.load()).toMatchObject({
      webhookUrl: 'https://hooks.example/sms',
      secret: 's3cret',
      paused: true,
      deviceId: 'phone-1',
    });
  });

  it('loads the recovery switch as on from a store saved before the switch existed, and keeps it off once saved', async () => {
    const connection = fakeOpSqlite();
    const db = createOpSqliteDb(connection);
    await (await createSettingsStore(db, () => 'phone-1')).save({ webhookUrl: 'https://hooks.example/sms' });
    expect(await db.all("SELECT key FROM app_settings WHERE key = 'recoverMissedSms'")).toEqual([]);
    const before = await createSettingsStore(db, () => 'phone-2');
    expect((await before.load()).recoverMissedSms).toBe(true);
    await before.save({ recoverMissedSms: false });
    expect((await (await createSettingsStore(db, () => 'phone-3')).load()).recoverMissedSms).toBe(false);
  });

  it('refuses an invalid patch and keeps what was stored', async () => {
    const store = await createSettingsStore(createOpSqliteDb(fakeOpSqlite()), () => 'phone-1');
    await expect(store.save({ webhookUrl: 'mailto:me' })).rejects.toThrow('Expected `webhookUrl`');
    expect((await store.load()).webhookUrl).toBe('');
  });
});
