// The stub's check of X-Signature and X-Timestamp: a valid HMAC is not enough, the timestamp must be
// recent (a captured request replayed tomorrow is refused) and each signature may be used once
// (a captured request replayed at once is refused). The gateway signs every attempt afresh, so its
// own retries never look like replays.
//
// The signatures used are kept by the caller (the stub's ledger, in SQLite): a soak at 1,000/s would
// otherwise hold every signature of the window in memory, about 90 MB.
import { verifyWebhookSignature } from './signature';

/** What the check of one request's signature headers found. */
export type SignatureCheck = 'valid' | 'invalid' | 'stale' | 'replayed';

export interface SignatureGuard {
  check(timestamp: string | null, rawBody: string, signature: string | null): SignatureCheck;
}

/** Where used signatures are kept; a `Set<string>` will do. */
export interface UsedSignatures {
  has(signature: string): boolean;
  add(signature: string): void;
}

export function createSignatureGuard(
  secret: string,
  windowMs: number,
  used: UsedSignatures,
  now: () => number = Date.now,
): SignatureGuard {
  return {
    check(timestamp, rawBody, signature) {
      if (!verifyWebhookSignature(secret, timestamp, rawBody, signature)) return 'invalid';
      const signedAt = Number(timestamp); // Unix ms (see the engine's forwarder)
      // Outside the window a replay is refused by its timestamp, so only signatures inside it matter.
      if (!Number.isFinite(signedAt) || Math.abs(now() - signedAt) > windowMs) return 'stale';
      // verifyWebhookSignature returned true, so both headers are present. Hex is case-insensitive:
      // the same digest in upper case must count as the same signature, or a replay gets through.
      const key = (signature as string).toLowerCase();
      if (used.has(key)) return 'replayed';
      used.add(key);
      return 'valid';
    },
  };
}
