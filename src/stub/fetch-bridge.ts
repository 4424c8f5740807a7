import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Reads a request body whole; null when it exceeds `maxBytes` (the caller answers 413). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Turns a Node request (body already read) into the Fetch `Request` msw handlers expect. */
export function toFetchRequest(req: IncomingMessage, origin: string, body: Buffer | null, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? body : null,
    signal,
  });
}

/**
 * Writes a Fetch `Response` to a Node response. A network error (`Response.error()`, type 'error')
 * becomes a connection reset: no status line, the client sees ECONNRESET.
 */
export async function writeFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    resetConnection(res);
    return;
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (res.destroyed) return;
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body ?? undefined);
}

/** Drops the connection with a TCP RST, so the client cannot mistake it for a clean close. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.resetAndDestroy();
}
