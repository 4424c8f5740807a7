import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../../test/support/closing-servers';
import { createGotTransport, type ClosableTransport } from './got-transport';
import { createNodeHttpTransport } from './node-http-transport';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const closing = closeAfterEach();

async function serve(handler: Handler): Promise<{ url: string; requests: number; connections: number }> {
  const stats = { url: '', requests: 0, connections: 0 };
  const server = createServer((request, response) => {
    stats.requests++;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => handler(request, body, response));
  });
  server.on('connection', () => stats.connections++);
  closing.server(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stats.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return stats;
}

// Both transports keep one contract: the virtual device sends with node:http, got stays available.
describe.each([
  ['createGotTransport', createGotTransport],
  ['createNodeHttpTransport', createNodeHttpTransport],
])('%s', (_name, create: () => ClosableTransport) => {
  function transport(): ClosableTransport {
    const created = create();
    closing.transport(created);
    return created;
  }

  const post = (url: string, timeoutMs = 2_000) =>
    transport().post({
      url,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
      body: '{"a":1}',
      timeoutMs,
    });

  it('POSTs the body and headers as given and returns status, lower-cased headers and body', async () => {
    let seen: { method?: string; key?: string; type?: string; body?: string } = {};
    const server = await serve((request, body, response) => {
      seen = {
        method: request.method,
        key: request.headers['idempotency-key'] as string,
        type: request.headers['content-type'],
        body,
      };
      response.writeHead(201, { 'X-Ledger': 'ok' }).end('stored');
    });
    expect(await post(server.url)).toEqual({
      kind: 'response',
      status: 201,
      headers: expect.objectContaining({ 'x-ledger': 'ok' }),
      body: 'stored',
    });
    expect(seen).toEqual({ method: 'POST', key: 'k1', type: 'application/json', body: '{"a":1}' });
  });

  it('returns a 503 with its Retry-After instead of throwing, after exactly one request (no retries of its own)', async () => {
    const server = await serve((_request, _body, response) => response.writeHead(503, { 'Retry-After': '7' }).end());
    expect(await post(server.url)).toMatchObject({ kind: 'response', status: 503, headers: { 'retry-after': '7' } });
    expect(server.requests).toBe(1);
  });

  it('does not follow a redirect: the engine decides what a moved webhook means', async () => {
    const server = await serve((_request, _body, response) =>
      response.writeHead(308, { Location: 'https://elsewhere.example/' }).end(),
    );
    expect(await post(server.url)).toMatchObject({
      kind: 'response',
      status: 308,
      headers: { location: 'https://elsewhere.example/' },
    });
    expect(server.requests).toBe(1);
  });

  it('reports a refused connection as ECONNREFUSED', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await closing.closeServers();
    expect(await post(url)).toMatchObject({ kind: 'network-error', code: 'ECONNREFUSED' });
  });

  it('reports a connection cut mid-request as ECONNRESET', async () => {
    const server = await serve((request) => (request.socket as Socket).destroy());
    expect(await post(server.url)).toMatchObject({ kind: 'network-error', code: 'ECONNRESET' });
  });

  it('gives up after the request timeout with ETIMEDOUT', async () => {
    const server = await serve(() => undefined); // never answers
    const started = Date.now();
    expect(await post(server.url, 150)).toMatchObject({ kind: 'network-error', code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports an unknown host as a network error (DNS)', async () => {
    const result = await post('http://smsgw-no-such-host.invalid/hook');
    expect(result).toMatchObject({ kind: 'network-error', code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
  });

  it('reports a malformed or non-HTTP URL as invalid-request, without touching the network', async () => {
    expect(await post('not a url')).toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(/malformed URL/),
    });
    expect(await post('ftp://127.0.0.1/hook')).toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(/unsupported protocol/),
    });
  });

  it('reports a header value that cannot be sent as invalid-request', async () => {
    const server = await serve((_request, _body, response) => response.end());
    const result = await transport().post({
      url: server.url,
      headers: { 'X-Bad': 'line\nbreak' },
      body: '',
      timeoutMs: 1_000,
    });
    expect(result).toMatchObject({ kind: 'invalid-request' });
  });

  it('keeps the connection alive between requests', async () => {
    const server = await serve((_request, _body, response) => response.end('ok'));
    const shared = transport();
    for (let i = 0; i < 5; i++) {
      expect(await shared.post({ url: server.url, headers: {}, body: '{}', timeoutMs: 1_000 })).toMatchObject({
        status: 200,
      });
    }
    expect(server.requests).toBe(5);
    expect(server.connections).toBe(1);
  });
});
