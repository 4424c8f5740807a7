import { describe, expect, it } from 'vitest';
import { resolveConfig, webhookUrlProblem } from './config';
import { engineDefaults } from './defaults';

describe('resolveConfig', () => {
  it('fills every default', () => {
    const config = resolveConfig({ webhookUrl: 'https://x.example', deviceId: 'd' });
    expect(config).toMatchObject({
      concurrency: 32,
      maxAttempts: 50,
      maxAgeMs: 3 * 24 * 3600 * 1000,
      maxBackoffMs: 15 * 60 * 1000,
      secret: null,
    });
    expect(config.retryBaseMs).toEqual(engineDefaults.retryBaseMs);
  });

  it('reports every problem at once, each with the value it got', () => {
    expect(() =>
      resolveConfig({
        webhookUrl: 'https://x.example',
        deviceId: '',
        concurrency: -3,
        leaseMs: 1000,
        requestTimeoutMs: 5000,
      }),
    ).toThrow(
      /`concurrency` to be a positive integer, got -3.*`deviceId` to be a non-empty string.*`leaseMs` \(1000\) to be longer than `requestTimeoutMs` \(5000\)/,
    );
  });

  it('overrides one retry base without losing the others', () => {
    expect(resolveConfig({ webhookUrl: '', deviceId: 'd', retryBaseMs: { network: 10 } }).retryBaseMs).toEqual({
      ...engineDefaults.retryBaseMs,
      network: 10,
    });
  });
});

describe('webhookUrlProblem', () => {
  it.each([
    ['', /no webhook URL/],
    ['   ', /no webhook URL/],
    ['hooks.example/sms', /malformed/],
    ['ftp://hooks.example/sms', /malformed/],
    ['https://', /malformed/],
    ['http://exa mple.com/', /malformed/],
  ])('refuses %j', (url, problem) => {
    expect(webhookUrlProblem(url)).toMatch(problem);
  });

  it.each([
    'https://hooks.example/sms',
    'http://127.0.0.1:8080/hook?x=1',
    'http://user:pw@localhost/h',
    'HTTPS://EXAMPLE.COM',
  ])('accepts %j', (url) => {
    expect(webhookUrlProblem(url)).toBeNull();
  });
});
