// HttpTransport over node:http with a keep-alive agent: what the virtual device sends with. Measured
// against got 14 in one process on this machine, POSTs per second at concurrency 8 to a
// bare node:http server: got 354–571, node:http 3,512–3,935. got's per-request option merging and
// hooks cost ~2 ms of CPU a POST, which capped dispatch below a steady 200 SMS/s on a shared machine.
// Same contract as the got transport: one attempt per call, a tagged result, never a throw.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpRequest, TransportResult } from '../../../android-app/src/engine/ports';
import { flattenHeaders, toResult, unusableUrl, type ClosableTransport } from './got-transport';

export interface NodeHttpTransportOptions {
  /** Sockets per origin. Default 64 (twice the engine's default concurrency). */
  readonly maxSockets?: number;
  /**
   * Accept any certificate, as an app that switched verification off does (the planted `ignore-tls`).
   * Default false: an untrusted certificate fails the request with the platform's code
   * (`DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`, `CERT_…`), never a cleartext retry.
   */
  readonly trustAnyCertificate?: boolean;
  /**
   * Follow 3xx answers as a naive fetch does (the planted `follow-redirects`): 301 and 302 to a POST,
   * and 303, become a GET without the body; 307 and 308 send the POST again. Default false: the
   * engine gets the redirect, which it takes for a configuration error.
   */
  readonly followRedirects?: boolean;
}

/** One request on the wire: the engine's POST, or a hop of a followed redirect. */
interface Outgoing {
  readonly method: 'POST' | 'GET';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Null: no body (a GET). */
  readonly body: string | null;
  readonly timeoutMs: number;
}

class RequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** Sends one request and resolves with a tagged result, never a rejection. */
function send(agents: Agents, request: Outgoing): Promise<TransportResult> {
  return new Promise((resolve) => {
    // Only `https:` goes over TLS, and it never falls back to cleartext: a refused certificate is the answer.
    const https = request.url.startsWith('https:');
    const headers =
      request.body === null
        ? { ...request.headers }
        : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
    let settled = false;
    const settle = (result: TransportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // One budget from connect to the last byte, as `timeout.request` is in got.
    const timer = setTimeout(
      () => outgoing.destroy(new RequestTimeout(`Timeout awaiting 'request' for ${request.timeoutMs}ms`)),
      request.timeoutMs,
    );
    const outgoing = (https ? httpsRequest : httpRequest)(
      request.url,
      { method: request.method, headers, agent: https ? agents.https : agents.http },
      (response) => {
        readBody(response).then(
          (body) =>
            settle({
              kind: 'response',
              status: response.statusCode ?? 0,
              headers: flattenHeaders(response.headers),
              body,
            }),
          (error: unknown) => settle(toResult(error)),
        );
      },
    );
    outgoing.on('error', (error) => settle(toResult(error)));
    outgoing.end(request.body ?? undefined);
  });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Fetch's limit on redirects followed for one request. */
const MAX_REDIRECTS = 20;
/** Headers that describe a body: a redirect turned into a GET drops them with the body, as fetch does. */
const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
]);

/** The next hop of a redirect as fetch makes it, or null when the answer is not one it follows. */
function nextHop(request: Outgoing, result: TransportResult, timeoutMs: number): Outgoing | null {
  if (result.kind !== 'response' || !REDIRECT_STATUSES.has(result.status)) return null;
  const location = result.headers.location;
  if (location === undefined) return null;
  let url: string;
  try {
    url = new URL(location, request.url).href;
  } catch {
    return null;
  }
  const keepsMethod = result.status === 307 || result.status === 308;
  if (keepsMethod) return { ...request, url, timeoutMs };
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !BODY_HEADERS.has(name.toLowerCase())),
  );
  return { method: 'GET', url, headers, body: null, timeoutMs };
}

/** Sends `first` and follows its redirects within its one timeout, as a naive fetch does. */
async function sendFollowing(agents: Agents, first: Outgoing): Promise<TransportResult> {
  const deadline = performance.now() + first.timeoutMs;
  let request = first;
  for (let hop = 0; ; hop++) {
    const result = await send(agents, request);
    const left = Math.ceil(deadline - performance.now());
    const next = hop < MAX_REDIRECTS && left > 0 ? nextHop(request, result, left) : null;
    if (next === null) return result;
    request = next;
  }
}

export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): ClosableTransport {
  const maxSockets = options.maxSockets ?? 64;
  // noDelay: headers and body leave in one segment instead of waiting on a delayed ACK.
  const agents: Agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets, noDelay: true }),
    https: new HttpsAgent({
      keepAlive: true,
      maxSockets,
      noDelay: true,
      rejectUnauthorized: options.trustAnyCertificate !== true,
    }),
  };
  const sender = options.followRedirects === true ? sendFollowing : send;

  return {
    async post(request: HttpRequest): Promise<TransportResult> {
      const problem = unusableUrl(request.url);
      if (problem !== null) return { kind: 'invalid-request', message: problem };
      try {
        return await sender(agents, { method: 'POST', ...request });
      } catch (error) {
        // node:http throws synchronously for a header it cannot send (ERR_INVALID_CHAR …).
        return toResult(error);
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
