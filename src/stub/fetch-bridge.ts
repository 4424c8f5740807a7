import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

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

/** A signal that aborts when the connection goes before the response is written. */
export function connectionSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Turns a Node request (body already read) into the Fetch `Request` msw handlers expect. An
 * absolute-form target (`POST http://host/webhook`) is this server's resource all the same: its path
 * and query are taken against the server's own origin, as for an origin-form one.
 */
export function toFetchRequest(req: IncomingMessage, origin: string, body: Buffer, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const target = req.url ?? '/';
  let url = origin + target;
  if (!target.startsWith('/')) {
    const absolute = new URL(target, origin);
    url = origin + absolute.pathname + absolute.search;
  }
  return new Request(url, { method, headers, body: hasBody ? body : null, signal });
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
