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

export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): ClosableTransport {
  const maxSockets = options.maxSockets ?? 64;
  // noDelay: headers and body leave in one segment instead of waiting on a delayed ACK.
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets, noDelay: true }),
    https: new HttpsAgent({ keepAlive: true, maxSockets, noDelay: true }),
  };

  const post = (request: HttpRequest): Promise<TransportResult> =>
    new Promise((resolve) => {
      const https = request.url.startsWith('https:');
      const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
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
        { method: 'POST', headers, agent: https ? agents.https : agents.http },
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
      outgoing.end(request.body);
    });

  return {
    async post(request: HttpRequest): Promise<TransportResult> {
      const problem = unusableUrl(request.url);
      if (problem !== null) return { kind: 'invalid-request', message: problem };
      try {
        return await post(request);
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
