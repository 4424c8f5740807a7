// HttpTransport over got for the virtual device: one attempt per call (the engine owns retries),
// keep-alive sockets, and a tagged result instead of a throw.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import got from 'got';
import type { HttpRequest, HttpTransport, TransportResult } from '../../../android-app/src/engine/ports';

export interface GotTransportOptions {
  /** Sockets per origin. Default 16 (twice the engine's default concurrency). */
  readonly maxSockets?: number;
}

export interface ClosableTransport extends HttpTransport {
  /** Closes the keep-alive sockets, so a finished process can exit. */
  close(): void;
}

export type GotTransport = ClosableTransport;

/** Node error codes that mean the request itself could not be built: the URL or a header is unusable. */
const INVALID_REQUEST_CODES = new Set([
  'ERR_INVALID_URL',
  'ERR_UNSUPPORTED_PROTOCOL',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_PROTOCOL',
]);

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function unusableUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `malformed URL: ${raw}`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:'
    ? null
    : `unsupported protocol ${url.protocol} in ${raw}`;
}

export function toResult(error: unknown): TransportResult {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  if (INVALID_REQUEST_CODES.has(code)) return { kind: 'invalid-request', message: `${code}: ${message}` };
  return { kind: 'network-error', code, message };
}

export function createGotTransport(options: GotTransportOptions = {}): GotTransport {
  const maxSockets = options.maxSockets ?? 16;
  // noDelay: got may write the headers and the body separately, and with Nagle on, the body waits
  // for the server's delayed ACK of the headers (up to 40 ms a request on Linux loopback).
  const agent = {
    http: new HttpAgent({ keepAlive: true, maxSockets, noDelay: true }),
    https: new HttpsAgent({ keepAlive: true, maxSockets, noDelay: true }),
  };
  const client = got.extend({
    retry: { limit: 0 },
    throwHttpErrors: false,
    // A redirect is reported to the engine, which treats a moved webhook as a configuration problem.
    followRedirect: false,
    agent,
  });
  return {
    async post(request: HttpRequest): Promise<TransportResult> {
      const problem = unusableUrl(request.url);
      if (problem !== null) return { kind: 'invalid-request', message: problem };
      try {
        const response = await client.post(request.url, {
          // A known length lets Node send the body with the headers instead of chunked.
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          body: request.body,
          timeout: { request: request.timeoutMs },
        });
        return {
          kind: 'response',
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          body: response.body,
        };
      } catch (error) {
        return toResult(error);
      }
    },
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}
