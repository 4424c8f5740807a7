import { describe, expect, it } from '@jest/globals';
import { parseDeepLink } from './deep-link';

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
