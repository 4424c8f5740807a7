// The classifier: one pure function from a transport result to what the dispatcher must do.
// The category decides the action; nothing else does.
import { httpStatusText } from './http-status-text';
import type { TransportResult } from './ports';
import { parseRetryAfterMs } from './retry-after';
import type { ErrorCategory } from './types';

export type SendOutcome =
  | { readonly kind: 'delivered'; readonly httpStatus: number }
  /** Try again later (backoff, Retry-After as a floor). */
  | {
      readonly kind: 'retry';
      readonly category: 'network' | 'http-transient' | 'unknown';
      readonly error: string;
      readonly httpStatus: number | null;
      readonly retryAfterMs: number | null;
    }
  /** The server said no: dead-letter now, do not retry. */
  | { readonly kind: 'reject'; readonly category: 'http-rejected'; readonly error: string; readonly httpStatus: number }
  /** Our side is misconfigured: pause the queue, give the message back untouched. */
  | {
      readonly kind: 'pause';
      readonly category: 'configuration';
      readonly error: string;
      readonly httpStatus: number | null;
    };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'EPIPE',
  'EPROTO',
  'EADDRNOTAVAIL',
  'ABORTED',
  'ABORT_ERR',
  'ERR_CANCELED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_SOCKET_CLOSED',
  'OFFLINE',
]);
// TLS failures of the connection itself (a handshake cut short, a protocol mismatch): the network's.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|UND_ERR_)/;
/**
 * A certificate the platform will not trust: self-signed, signed by an unknown authority, expired,
 * revoked, or for another host (OpenSSL's verify codes, as Node names them). No retry changes it;
 * a person must fix the server's certificate or the URL, so it pauses the queue like a redirect.
 */
const UNTRUSTED_CERTIFICATE_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_ALTNAME_INVALID$|INVALID_CA$|PATH_LENGTH_EXCEEDED$|INVALID_PURPOSE$|ERROR_IN_CERT_)/;

/**
 * Plain http the platform will not send (Android's network security policy; the app's transport asks the
 * platform before it sends, and reads OkHttp's "CLEARTEXT communication … not permitted"). No retry
 * changes it: only another URL or another build does.
 */
export const CLEARTEXT_REFUSED_CODE = 'CLEARTEXT_NOT_PERMITTED';

/** 408 Request Timeout, 425 Too Early, 429 Too Many Requests: the request was fine, the moment was not. */
const TRANSIENT_4XX = new Set([408, 425, 429]);
/** The server rejects our credentials: a bad secret is a configuration error, not a bad message. */
const CREDENTIAL_4XX = new Set([401, 403]);

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * A redirect target without its query and fragment, at most 200 characters: enough to set the
 * final URL by, and nothing the server could smuggle the request's content back in.
 */
function redirectTarget(location: string): string {
  return location.split(/[?#]/)[0]!.slice(0, 200);
}

function classifyNetworkError(result: Extract<TransportResult, { kind: 'network-error' }>): SendOutcome {
  if (result.code === CLEARTEXT_REFUSED_CODE) {
    // Nothing left the phone: the build's network security policy refuses plain http to this host.
    return {
      kind: 'pause',
      category: 'configuration',
      error: `Plain http refused by the phone's network security policy (${CLEARTEXT_REFUSED_CODE}): set an https webhook URL in Settings`,
      httpStatus: null,
    };
  }
  if (UNTRUSTED_CERTIFICATE_CODE.test(result.code)) {
    // The platform's message may name the certificate's subject: the code is enough to act on.
    return {
      kind: 'pause',
      category: 'configuration',
      error: `TLS certificate not trusted (${result.code}): the gateway will not send over it`,
      httpStatus: null,
    };
  }
  const known = NETWORK_CODES.has(result.code) || TLS_CODE.test(result.code);
  const error = `${result.code}: ${result.message}`;
  return { kind: 'retry', category: known ? 'network' : 'unknown', error, httpStatus: null, retryAfterMs: null };
}

/** A moved webhook, which is for a human to confirm: a 3xx answer, or a redirect the platform followed. */
function classifyRedirect(result: Extract<TransportResult, { kind: 'response' }>): SendOutcome | null {
  if (result.redirectedTo !== undefined) {
    // The platform followed a redirect we asked it not to: whatever the other URL answered, the webhook
    // took nothing, and every message would go the same way until a person sets the final URL.
    return {
      kind: 'pause',
      category: 'configuration',
      error: `Webhook redirected to ${redirectTarget(result.redirectedTo)}: set the final URL in Settings`,
      httpStatus: null,
    };
  }
  const { status } = result;
  if (status < 300 || status >= 400) return null;
  // The transport did not follow it: the answer is the redirect itself.
  const location = header(result.headers, 'location');
  return {
    kind: 'pause',
    category: 'configuration',
    error: `Webhook redirects (${status}${location ? ` to ${redirectTarget(location)}` : ''}): set the final URL`,
    httpStatus: status,
  };
}

export function classifyResult(result: TransportResult, nowMs: number): SendOutcome {
  if (result.kind === 'invalid-request') {
    return {
      kind: 'pause',
      category: 'configuration',
      error: `Webhook request unusable: ${result.message}`,
      httpStatus: null,
    };
  }
  if (result.kind === 'network-error') return classifyNetworkError(result);
  const moved = classifyRedirect(result);
  if (moved !== null) return moved;
  // The body is never read here: the error is the status in the engine's words (http-status-text.ts says why).
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'delivered', httpStatus: status };
  const named = httpStatusText(status);
  if (status >= 500 || TRANSIENT_4XX.has(status)) {
    const retryAfterMs = parseRetryAfterMs(header(result.headers, 'retry-after'), nowMs);
    return {
      kind: 'retry',
      category: 'http-transient',
      error: `${named}, will retry`,
      httpStatus: status,
      retryAfterMs,
    };
  }
  if (CREDENTIAL_4XX.has(status)) {
    return {
      kind: 'pause',
      category: 'configuration',
      error: `Webhook rejected our credentials (check the secret): ${named}`,
      httpStatus: status,
    };
  }
  if (status >= 400)
    return {
      kind: 'reject',
      category: 'http-rejected',
      error: `${named}: the webhook refused this message, not retried`,
      httpStatus: status,
    };
  return {
    kind: 'retry',
    category: 'unknown',
    error: `Unexpected ${named}, will retry`,
    httpStatus: status,
    retryAfterMs: null,
  };
}

const DATABASE_CODE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|PROTOCOL|NOMEM|CANTOPEN)/;
const DATABASE_MESSAGE =
  /database is locked|database table is locked|disk is full|disk I\/O error|SQLITE_(BUSY|LOCKED|FULL|IOERR)/i;
const PERMISSION = /permission|SecurityException|EACCES|EPERM/i;

/** The category of something thrown (a database driver error, a platform exception). */
export function categorizeError(error: unknown): ErrorCategory {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (typeof code === 'string' && DATABASE_CODE.test(code)) return 'database';
  if (DATABASE_MESSAGE.test(text)) return 'database';
  if ((typeof code === 'string' && PERMISSION.test(code)) || PERMISSION.test(text)) return 'permissions';
  return 'unknown';
}
