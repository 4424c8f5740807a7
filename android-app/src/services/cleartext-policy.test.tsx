import { describe, expect, it } from '@jest/globals';
import { cleartextPolicyOf, networkSecurityConfigs } from '../../test/support/network-security-policy';
import { cleartextCheck, plainHttpHost } from './cleartext-policy';

describe("the app's network security configs", () => {
  it('let a release build send plain http only to loopback and the emulator host, where the harness is', async () => {
    const permitted = cleartextPolicyOf(networkSecurityConfigs.release);
    for (const host of ['127.0.0.1', 'localhost', '10.0.2.2']) expect(await permitted(host)).toBe(true);
    for (const host of ['192.168.1.20', '10.0.0.5', 'nas.local', 'hooks.example', 'sub.localhost'])
      expect(await permitted(host)).toBe(false);
  });

  it('let the LAN build and debug builds send plain http to any host', async () => {
    for (const config of [networkSecurityConfigs.lan, networkSecurityConfigs.debug]) {
      const permitted = cleartextPolicyOf(config);
      for (const host of ['192.168.1.20', 'nas.local', '127.0.0.1']) expect(await permitted(host)).toBe(true);
    }
  });
});

describe('plainHttpHost', () => {
  it('names the host of a plain http URL only', () => {
    expect(plainHttpHost('http://192.168.1.20:8080/sms')).toBe('192.168.1.20');
    expect(plainHttpHost(' HTTP://user:pw@Nas.Local/sms?x=1')).toBe('nas.local');
    expect(plainHttpHost('http://[fd00::5]:8080/')).toBe('fd00::5');
    expect(plainHttpHost('https://192.168.1.20/sms')).toBeNull();
    expect(plainHttpHost('')).toBeNull();
  });
});

describe('cleartextCheck', () => {
  it('asks the platform once per host and never for https, and names the refusal with its fix', async () => {
    const asked: string[] = [];
    const check = cleartextCheck(async (host) => {
      asked.push(host);
      return host === '127.0.0.1';
    });
    expect(await check('https://hooks.example/sms')).toBeNull();
    expect(await check('http://127.0.0.1:8787/webhook')).toBeNull();
    expect(await check('http://192.168.1.20/a')).toMatch(
      /^Plain http to 192\.168\.1\.20 is refused by this build's network security policy: use an https URL\./,
    );
    expect(await check('http://192.168.1.20/b')).not.toBeNull();
    expect(asked).toEqual(['127.0.0.1', '192.168.1.20']);
  });

  it('lets the request go when the platform cannot answer (an APK older than the JavaScript)', async () => {
    const check = cleartextCheck(() => {
      throw new Error('Native module SmsgwSystem has no isCleartextTrafficPermitted');
    });
    expect(await check('http://192.168.1.20/sms')).toBeNull();
  });
});
