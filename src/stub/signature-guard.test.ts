import { describe, expect, it } from 'vitest';
import { signWebhook } from './signature';
import { createSignatureGuard } from './signature-guard';

const secret = 'k3y';
const body = '{"messageId":"m1"}';

describe('createSignatureGuard', () => {
  it('accepts a fresh, correctly signed request once and refuses the same bytes again as a replay', () => {
    let now = 1_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    const timestamp = String(now);
    expect(guard.check(timestamp, body, signWebhook(secret, timestamp, body))).toBe('valid');
    now += 10;
    expect(guard.check(timestamp, body, signWebhook(secret, timestamp, body))).toBe('replayed');
  });

  // Found by start-stub.fuzz.test.ts: the replay check compared the header text, not the digest.
  it('refuses a replay that spells the digest in upper case', () => {
    const now = 1_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    const timestamp = String(now);
    const signature = signWebhook(secret, timestamp, body);
    expect(guard.check(timestamp, body, signature)).toBe('valid');
    expect(guard.check(timestamp, body, `sha256=${signature.slice('sha256='.length).toUpperCase()}`)).toBe('replayed');
  });

  it('refuses a replay with junk after the digest as invalid', () => {
    const now = 1_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    const timestamp = String(now);
    const signature = signWebhook(secret, timestamp, body);
    expect(guard.check(timestamp, body, signature)).toBe('valid');
    expect(guard.check(timestamp, body, `${signature}0`)).toBe('invalid');
  });

  it('accepts a retry of the same message signed afresh', () => {
    let now = 1_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    expect(guard.check(String(now), body, signWebhook(secret, String(now), body))).toBe('valid');
    now += 500;
    expect(guard.check(String(now), body, signWebhook(secret, String(now), body))).toBe('valid');
  });

  it('refuses a correctly signed request whose timestamp is outside the window, either way', () => {
    const now = 10_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    const old = String(now - 300_001);
    const future = String(now + 300_001);
    expect(guard.check(old, body, signWebhook(secret, old, body))).toBe('stale');
    expect(guard.check(future, body, signWebhook(secret, future, body))).toBe('stale');
  });

  it('refuses a wrong secret, a tampered body and missing headers as invalid', () => {
    const now = 1_000_000;
    const guard = createSignatureGuard(secret, 300_000, new Set(), () => now);
    const timestamp = String(now);
    expect(guard.check(timestamp, body, signWebhook('other', timestamp, body))).toBe('invalid');
    expect(guard.check(timestamp, `${body} `, signWebhook(secret, timestamp, body))).toBe('invalid');
    expect(guard.check(null, body, null)).toBe('invalid');
  });

  it('refuses an old replay by its timestamp first', () => {
    let now = 1_000_000;
    const guard = createSignatureGuard(secret, 1_000, new Set(), () => now);
    for (let i = 0; i < 100; i += 1) {
      now += 100;
      expect(guard.check(String(now), body, signWebhook(secret, String(now), body))).toBe('valid');
    }
    // A replay of the first one is now stale, not replayed: the window alone refuses it.
    expect(guard.check('1000100', body, signWebhook(secret, '1000100', body))).toBe('stale');
  });
});
