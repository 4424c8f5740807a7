// SHA-256 and HMAC-SHA256 from @noble/hashes, an audited pure-JavaScript implementation: the engine
// signs webhooks and derives message ids on Hermes, where neither node:crypto nor a synchronous
// WebCrypto exists, and the same code must run in Node for the harness's virtual device.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { encodeUtf8, toHex } from './utf8';

/** Strings are taken as UTF-8 (our own encoder: lone surrogates become U+FFFD, as in Node). */
const bytesOf = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? encodeUtf8(data) : data);

/** SHA-256 digest of `data` (a string is hashed as its UTF-8 bytes). */
export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(bytesOf(data));
}

export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}

/** HMAC-SHA256 (RFC 2104); strings are taken as UTF-8. */
export function hmacSha256(key: Uint8Array | string, data: Uint8Array | string): Uint8Array {
  return hmac(nobleSha256, bytesOf(key), bytesOf(data));
}

export function hmacSha256Hex(key: Uint8Array | string, data: Uint8Array | string): string {
  return toHex(hmacSha256(key, data));
}
