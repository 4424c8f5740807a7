import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';

/** The `X-Signature` value the gateway sends: `sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`. */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return prefix + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** Checks a webhook signature in constant time; a missing or malformed header is simply invalid. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | null,
  rawBody: string,
  signature: string | null,
): boolean {
  if (timestamp === null || signature === null || !signature.startsWith(prefix)) return false;
  const given = Buffer.from(signature.slice(prefix.length), 'hex');
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  // timingSafeEqual throws on a length mismatch; the length of a SHA-256 digest is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
