// HttpTransport over fetch (React Native's, or Node's in tests): one attempt per call (the engine
// owns retries), a timeout through AbortController, and a tagged result instead of a throw.
import {
  CLEARTEXT_REFUSED_CODE,
  webhookUrlProblem,
  type HttpRequest,
  type HttpTransport,
  type TransportResult,
} from '../engine';
import { cleartextAnywhere, type CleartextCheck } from './cleartext-policy';

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
    redirect: 'manual';
  },
) => Promise<{
  status: number;
  /** Where the answer came from: React Native's is XMLHttpRequest's responseURL, OkHttp's last URL. */
  url?: string;
  /** Set by fetches that know they followed a redirect (Node's, browsers'); React Native's never sets it. */
  redirected?: boolean;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

export interface FetchTransportOptions {
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** Whether the platform lets plain http reach a URL's host. Default: everywhere (off Android). */
  readonly cleartext?: CleartextCheck;
}

// React Native's fetch rejects with a bare "Network request failed" TypeError; Node's carries a code
// on `cause` (`DEPTH_ZERO_SELF_SIGNED_CERT` and the other certificate codes the engine pauses on).
// The message is the only clue left on the phone, so it is read for the common cases. A certificate
// Android will not trust (OkHttp's "Trust anchor for certification path not found", "Hostname … not
// verified") reads as CERT_UNTRUSTED, which the engine takes for a configuration error a person must
// fix, as it does Node's codes; any other TLS trouble is a handshake failure the engine retries. React
// Native's own fetch says neither, so on a phone an untrusted certificate is retried as a network error;
// plain http the platform refuses (OkHttp's "CLEARTEXT communication … not permitted") is asked of the
// platform before sending instead (cleartext-policy.ts), and read here only where a fetch says it.
const MESSAGE_CODES: readonly (readonly [RegExp, string])[] = [
  [/cleartext/i, CLEARTEXT_REFUSED_CODE],
  [/timed? ?out|timeout/i, 'ETIMEDOUT'],
  [/refused/i, 'ECONNREFUSED'],
  [/reset/i, 'ECONNRESET'],
  [/unable to resolve host|unknownhost|ENOTFOUND|getaddrinfo/i, 'ENOTFOUND'],
  [/trust anchor|certpathvalidator|sslpeerunverified|hostname .* not verified|certificate/i, 'CERT_UNTRUSTED'],
  [/ssl|handshake|tls/i, 'ERR_SSL_HANDSHAKE'],
];

function errorCode(error: unknown): string {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const message = `${error instanceof Error ? error.message : String(error)} ${String((cause as { message?: unknown } | undefined)?.message ?? '')}`;
  const match = MESSAGE_CODES.find(([pattern]) => pattern.test(message));
  // fetch promises only a TypeError for "a network error": the engine retries ECONNABORTED as network.
  return match ? match[1] : 'ECONNABORTED';
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const URL_PARTS = /^([a-z][a-z\d+.-]*):\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(\?[^#]*)?/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A URL as HTTP clients write it back (OkHttp's HttpUrl): scheme and host lower-cased, no default port,
 * `/` for an empty path, no fragment, percent-escapes decoded; null when it is no URL at all.
 */
function canonicalUrl(url: string): string | null {
  const parts = URL_PARTS.exec(url.trim());
  if (!parts) return null;
  const scheme = parts[1]!.toLowerCase();
  const port = parts[3] ? String(Number(parts[3])) : '';
  const portPart = port === '' || port === DEFAULT_PORTS[scheme] ? '' : `:${port}`;
  return `${scheme}://${parts[2]!.toLowerCase()}${portPart}${decoded(parts[4] || '/')}${decoded(parts[5] ?? '')}`;
}

/**
 * Where the answer came from, when that is not where the POST was sent. `redirect: 'manual'` holds in
 * Node and browsers, but React Native's fetch ignores it: left to itself, OkHttp follows the redirect,
 * turns the POST into a GET on 301/302 and hands back the final URL's answer, often a 200 for a request
 * that carried no SMS. On a phone the app's client refuses redirects natively (NoRedirectClientFactory,
 * installed at application start), so the 3xx itself comes back; this check is the second line of
 * defence, for a client factory another library replaces. An answer whose URL is unknown ('' or absent)
 * is taken as the webhook's own.
 */
function redirectedTo(requested: string, response: Awaited<ReturnType<FetchLike>>): string | null {
  const final = response.url ?? '';
  if (response.redirected === true) return final === '' ? 'another URL' : final;
  if (final === '' || canonicalUrl(final) === canonicalUrl(requested)) return null;
  return final;
}

async function send(doFetch: FetchLike, request: HttpRequest): Promise<TransportResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await doFetch(request.url, {
      method: 'POST',
      headers: { ...request.headers },
      body: request.body,
      signal: controller.signal,
      // A moved webhook is a configuration problem for a human, not something to follow silently.
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const body = await response.text(); // still under the timeout: a stalled body aborts too
    const moved = redirectedTo(request.url, response);
    return {
      kind: 'response',
      status: response.status,
      headers,
      body,
      ...(moved === null ? {} : { redirectedTo: moved }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (timedOut)
      return { kind: 'network-error', code: 'ETIMEDOUT', message: `no response within ${request.timeoutMs} ms` };
    return { kind: 'network-error', code: errorCode(error), message };
  } finally {
    clearTimeout(timer);
  }
}

export function createFetchTransport(options: FetchTransportOptions = {}): HttpTransport {
  const doFetch: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const cleartext = options.cleartext ?? cleartextAnywhere;
  return {
    async post(request: HttpRequest): Promise<TransportResult> {
      // The engine's regex, not new URL(): React Native's URL is a partial polyfill.
      const problem = webhookUrlProblem(request.url);
      if (problem !== null) return { kind: 'invalid-request', message: problem };
      // Asked before sending: a refusal on the phone would come back as a bare "Network request failed".
      const refused = await cleartext(request.url);
      if (refused !== null) return { kind: 'network-error', code: CLEARTEXT_REFUSED_CODE, message: refused };
      return send(doFetch, request);
    },
  };
}
