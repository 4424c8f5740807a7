import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature';

const body = '{"messageId":"m1"}';

describe('webhook signature', () => {
  it('matches a known HMAC-SHA256 of timestamp.body', () => {
    // Computed independently: printf '1700000000.{"messageId":"m1"}' | openssl dgst -sha256 -hmac s3cret
    expect(signWebhook('s3cret', '1700000000', body)).toBe(
      'sha256=f89eaf4fd79e9508e1fa3f904c6af1e3a87fbf2665d7996d8812d313fc60474c',
    );
  });

  it('accepts its own signature', () => {
    expect(verifyWebhookSignature('s3cret', '1700000000', body, signWebhook('s3cret', '1700000000', body))).toBe(true);
  });

  it('rejects a signature made with another secret, timestamp or body', () => {
    const good = signWebhook('s3cret', '1700000000', body);
    expect(verifyWebhookSignature('other', '1700000000', body, good)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1700000001', body, good)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1700000000', body + ' ', good)).toBe(false);
  });

  it('rejects missing or malformed headers without throwing', () => {
    expect(verifyWebhookSignature('s3cret', null, body, 'sha256=00')).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1', body, null)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1', body, 'md5=abc')).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1', body, 'sha256=zz')).toBe(false);
  });

  // Found by start-stub.fuzz.test.ts: Buffer.from(hex) stops at the first non-hex character.
  it('rejects a valid signature with anything after it', () => {
    const good = signWebhook('s3cret', '1700000000', body);
    expect(verifyWebhookSignature('s3cret', '1700000000', body, `${good}zz`)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1700000000', body, `${good}0`)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1700000000', body, `${good}, ${good}`)).toBe(false);
  });

  it('accepts the digest in upper case, as hex is case-insensitive', () => {
    const good = signWebhook('s3cret', '1700000000', body);
    expect(
      verifyWebhookSignature('s3cret', '1700000000', body, `sha256=${good.slice('sha256='.length).toUpperCase()}`),
    ).toBe(true);
  });
});
