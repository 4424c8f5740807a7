import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { bufferedRequest } from './buffered-request';
import { knownResponse } from './json-response';

/** Reads a request body whole; null when it exceeds `maxBytes` (the caller answers 413). Rejects if the client goes mid-body. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  // Events rather than `for await`: the async iterator costs a promise per chunk on the hot path.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went before the body was read'));
    });
  });
}

/**
 * An abort signal for a request that fires when the connection goes before the response is written.
 * Made on first use: most requests never look at it, and an AbortSignal is not cheap in Node.
 */
export function connectionSignal(res: ServerResponse): () => AbortSignal {
  let controller: AbortController | null = null;
  let gone = false;
  res.once('close', () => {
    if (res.writableFinished) return;
    gone = true;
    controller?.abort();
  });
  return () => {
    if (controller === null) {
      controller = new AbortController();
      if (gone) controller.abort();
    }
    return controller.signal;
  };
}

/** Turns a Node request (body already read) into the Fetch `Request` msw handlers expect. */
export function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  body: Buffer | null,
  signal: () => AbortSignal,
): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const path = req.url ?? '/';
  // An origin-form target (the usual `/webhook`) needs no URL parse here; Request parses it anyway.
  const url = path.startsWith('/') ? origin + path : new URL(path, origin).href;
  return bufferedRequest(url, { method, headers, body: hasBody ? body : null, signal });
}

/**
 * Writes a Fetch `Response` to a Node response, and resolves with when (epoch ms) it was handed to
 * node:http whole, or null when nothing was written. A network error (`Response.error()`, type
 * 'error') becomes a connection reset: no status line, the client sees ECONNRESET.
 */
export async function writeFetchResponse(res: ServerResponse, response: Response): Promise<number | null> {
  if (response.type === 'error') {
    resetConnection(res);
    return null;
  }
  const known = knownResponse(response);
  if (known !== undefined) {
    // The client may have gone while the resolver ran (a delay or hang fault), as on the path below.
    if (res.destroyed) return null;
    res.writeHead(known.status, known.statusText || undefined, known.headers).end(known.body);
    return Date.now();
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (res.destroyed) return null;
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body ?? undefined);
  return Date.now();
}

/** Drops the connection with a TCP RST, so the client cannot mistake it for a clean close. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.resetAndDestroy();
}
