import { describe, expect, it } from '@jest/globals';
import { describeConfigurationChange, parseDeepLink, webhookAddress } from './deep-link';
import type { AppSettings } from './settings-store';

describe('parseDeepLink', () => {
  it('reads a URL-encoded webhook URL and secret', () => {
    expect(parseDeepLink('smsgw://configure?url=https%3A%2F%2Fhooks.example%2Fsms%3Fa%3D1&secret=s%2B3+cret')).toEqual({
      kind: 'configure',
      patch: { webhookUrl: 'https://hooks.example/sms?a=1', secret: 's+3 cret' },
    });
  });

  it('leaves the secret alone when the link has none', () => {
    expect(parseDeepLink('smsgw://configure?url=http://10.0.2.2:8080/hook')).toEqual({
      kind: 'configure',
      patch: { webhookUrl: 'http://10.0.2.2:8080/hook' },
    });
  });

  it('sets an empty secret when the link says secret=', () => {
    expect(parseDeepLink('smsgw://configure?url=https://h.example/&secret=')).toMatchObject({ patch: { secret: '' } });
  });

  it('refuses a link without a url', () => {
    expect(parseDeepLink('smsgw://configure?secret=x')).toMatchObject({
      kind: 'invalid',
      problems: [expect.stringContaining('Expected a `url` parameter')],
    });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(parseDeepLink('smsgw://configure?url=javascript%3Aalert(1)')).toEqual({
      kind: 'invalid',
      problems: ['Expected `webhookUrl` to be an http(s) URL, got "javascript:alert(1)"'],
    });
  });

  it('refuses a malformed %-escape instead of throwing', () => {
    expect(parseDeepLink('smsgw://configure?url=https://h.example/&secret=%E0%A4%A')).toMatchObject({
      kind: 'invalid',
    });
  });

  it('ignores links that are not ours', () => {
    expect(parseDeepLink('https://hooks.example/configure?url=x')).toEqual({ kind: 'ignored' });
    expect(parseDeepLink('smsgw://other?url=https://h.example/')).toEqual({ kind: 'ignored' });
  });
});

describe('webhookAddress', () => {
  it('names the host the client connects to, port included, in lower case', () => {
    expect(webhookAddress('https://Hooks.Example:8443/sms?a=1')).toEqual({
      host: 'hooks.example:8443',
      plain: false,
      credentials: false,
      nonAscii: false,
    });
  });

  it('takes the host after the last @ and flags the name before it', () => {
    expect(webhookAddress('https://bank.example:x@y@evil.example/sms')).toMatchObject({
      host: 'evil.example',
      credentials: true,
    });
  });

  it('ends the host at a backslash, as the HTTP client does', () => {
    expect(webhookAddress('https://evil.example\\@bank.example/')).toMatchObject({
      host: 'evil.example',
      credentials: false,
    });
  });

  it('flags plain http and letters outside ASCII', () => {
    expect(webhookAddress('http://bаnk.example/')).toMatchObject({ plain: true, nonAscii: true });
  });

  it('finds no host in a URL that has none', () => {
    expect(webhookAddress('https:///sms')).toBeNull();
    expect(webhookAddress('ftp://h.example/')).toBeNull();
  });
});

describe('describeConfigurationChange', () => {
  const current: AppSettings = {
    webhookUrl: 'https://ours.example/sms',
    secret: 'old',
    maxAgeDays: 3,
    maxAttempts: 50,
    paused: false,
    recoverMissedSms: true,
    deviceId: 'phone-1',
  };

  it('says whether the secret changes without carrying it', () => {
    const secretOf = (secret?: string) =>
      describeConfigurationChange(current, {
        webhookUrl: 'https://h.example/',
        ...(secret === undefined ? {} : { secret }),
      })?.secret;
    expect([secretOf(), secretOf('old'), secretOf('new'), secretOf('')]).toEqual([
      'untouched',
      'same',
      'replaced',
      'removed',
    ]);
    expect(
      describeConfigurationChange({ ...current, secret: '' }, { webhookUrl: 'https://h.example/', secret: 'k' }),
    ).toEqual({
      webhookUrl: 'https://h.example/',
      address: { host: 'h.example', plain: false, credentials: false, nonAscii: false },
      currentHost: 'ours.example',
      secret: 'set',
    });
  });

  it('says when no webhook is configured yet', () => {
    expect(
      describeConfigurationChange({ ...current, webhookUrl: '' }, { webhookUrl: 'https://h.example/' }),
    ).toMatchObject({ currentHost: null });
  });
});
