// The stub's check of X-Signature and X-Timestamp: a valid HMAC is not enough, the timestamp must be
// recent (a captured request replayed tomorrow is refused) and each signature may be used once
// (a captured request replayed at once is refused). The gateway signs every attempt afresh, so its
// own retries never look like replays.
import { verifyWebhookSignature } from './signature.js';

export type SignatureVerdict = 'valid' | 'invalid' | 'stale' | 'replayed';

export interface SignatureGuard {
  check(timestamp: string | null, rawBody: string, signature: string | null): SignatureVerdict;
}

export function createSignatureGuard(secret: string, windowMs: number, now: () => number = Date.now): SignatureGuard {
  /** Signatures seen inside the window, with when each may be forgotten; insertion order is expiry order. */
  const seen = new Map<string, number>();
  const forgetExpired = (at: number): void => {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt > at) break;
      seen.delete(signature);
    }
  };
  return {
    check(timestamp, rawBody, signature) {
      if (!verifyWebhookSignature(secret, timestamp, rawBody, signature)) return 'invalid';
      const at = now();
      const signedAt = Number(timestamp); // Unix ms (see the engine's forwarder)
      if (!Number.isFinite(signedAt) || Math.abs(at - signedAt) > windowMs) return 'stale';
      forgetExpired(at);
      // verifyWebhookSignature returned true, so both headers are present. Hex is case-insensitive:
      // the same digest in upper case must count as the same signature, or a replay gets through.
      const key = (signature as string).toLowerCase();
      if (seen.has(key)) return 'replayed';
      seen.set(key, at + 2 * windowMs);
      return 'valid';
    },
  };
}
