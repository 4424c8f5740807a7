// HttpTransport over fetch (React Native's, or Node's in tests): one attempt per call (the engine
// owns retries), a timeout through AbortController, and a tagged result instead of a throw.
import { webhookUrlProblem, type HttpRequest, type HttpTransport, type TransportResult } from '../engine';

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
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

export interface FetchTransportOptions {
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
}

// React Native's fetch rejects with a bare "Network request failed" TypeError; Node's carries a code
// on `cause` (`DEPTH_ZERO_SELF_SIGNED_CERT` and the other certificate codes the engine pauses on).
// The message is the only clue left on the phone, so it is read for the common cases. A certificate
// Android will not trust (OkHttp's "Trust anchor for certification path not found", "Hostname … not
// verified") reads as CERT_UNTRUSTED, which the engine takes for a configuration error a person must
// fix, as it does Node's codes; any other TLS trouble is a handshake failure the engine retries. React
// Native's own fetch says neither, so on a phone an untrusted certificate is retried as a network error.
const MESSAGE_CODES: readonly (readonly [RegExp, string])[] = [
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

export function createFetchTransport(options: FetchTransportOptions = {}): HttpTransport {
  const doFetch: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  return {
    async post(request: HttpRequest): Promise<TransportResult> {
      // The engine's regex, not new URL(): React Native's URL is a partial polyfill.
      const problem = webhookUrlProblem(request.url);
      if (problem !== null) return { kind: 'invalid-request', message: problem };
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
        return { kind: 'response', status: response.status, headers, body };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (timedOut)
          return { kind: 'network-error', code: 'ETIMEDOUT', message: `no response within ${request.timeoutMs} ms` };
        return { kind: 'network-error', code: errorCode(error), message };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
