import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';
/** Exactly one SHA-256 digest in hex: Buffer.from(…, 'hex') would silently stop at junk or drop an odd digit. */
const signaturePattern = /^sha256=[0-9a-fA-F]{64}$/;

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
  if (timestamp === null || signature === null || !signaturePattern.test(signature)) return false;
  const given = Buffer.from(signature.slice(prefix.length), 'hex');
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return timingSafeEqual(given, expected);
}
