// A webhook receiver that knows nothing of smsgw: plain node:http, stores what it gets, answers 200.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Starts one on 127.0.0.1; `delayMs` holds each answer back (a slow server). */
export async function startReceiver(
  delayMs = 0,
): Promise<{ url: string; received: Received[]; readonly started: number; close(): void }> {
  const received: Received[] = [];
  let started = 0;
  const server = createServer((request, response) => {
    started += 1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      setTimeout(() => {
        received.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    get started() {
      return started;
    },
    close: () => server.close(),
  };
}
