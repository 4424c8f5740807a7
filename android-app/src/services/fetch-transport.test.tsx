import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { classifyResult } from '../engine';
import { createFetchTransport, type FetchLike } from './fetch-transport';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server | null = null;

/** A real HTTP server on 127.0.0.1 answering with `handler`; resolves with its base URL. */
async function serve(handler: Handler): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => handler(request, response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const post = (url: string, timeoutMs = 2_000) =>
  createFetchTransport().post({
    url,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'm-1' },
    body: '{"a":1}',
    timeoutMs,
  });

describe('createFetchTransport', () => {
  it('POSTs the body and headers and returns status, lower-cased headers and body', async () => {
    let seen: { method?: string; key?: string; body?: string } = {};
    const base = await serve((request, response, body) => {
      seen = { method: request.method, key: request.headers['idempotency-key'] as string, body };
      response.writeHead(202, { 'X-Request-Id': 'r-9' }).end('accepted');
    });
    const result = await post(`${base}/sms`);
    expect(seen).toEqual({ method: 'POST', key: 'm-1', body: '{"a":1}' });
    expect(result).toMatchObject({
      kind: 'response',
      status: 202,
      body: 'accepted',
      headers: { 'x-request-id': 'r-9' },
    });
  });

  it('reports a 5xx with its Retry-After so the engine can honour it', async () => {
    const base = await serve((_request, response) => response.writeHead(503, { 'Retry-After': '7' }).end());
    const result = await post(base);
    expect(result).toMatchObject({ kind: 'response', status: 503, headers: { 'retry-after': '7' } });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'retry', category: 'http-transient', retryAfterMs: 7_000 });
  });

  it('does not follow a redirect: a moved webhook is for a person to confirm', async () => {
    const base = await serve((_request, response) =>
      response.writeHead(301, { Location: 'https://elsewhere.example/' }).end(),
    );
    expect(await post(base)).toMatchObject({ kind: 'response', status: 301 });
  });

  it('gives up after the timeout with ETIMEDOUT, a network error the engine retries', async () => {
    const base = await serve(() => {}); // never answers
    const result = await post(base, 200);
    expect(result).toMatchObject({ kind: 'network-error', code: 'ETIMEDOUT' });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'retry', category: 'network' });
  });

  it('reports a refused connection as ECONNREFUSED', async () => {
    const base = await serve(() => {});
    server!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await post(base)).toMatchObject({ kind: 'network-error', code: 'ECONNREFUSED' });
  });

  it('refuses a malformed URL as an invalid request without touching the network', async () => {
    let called = false;
    const fetch: FetchLike = async () => {
      called = true;
      throw new Error('unreachable');
    };
    const result = await createFetchTransport({ fetch }).post({
      url: 'ftp://nope',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(result.kind).toBe('invalid-request');
    expect(called).toBe(false);
  });

  it('classifies React Native\'s bare "Network request failed" as a network error', async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError('Network request failed'));
    const result = await createFetchTransport({ fetch }).post({
      url: 'https://hooks.example/sms',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'retry', category: 'network' });
  });

  it('reads an Android host-lookup failure as ENOTFOUND', async () => {
    const fetch: FetchLike = () => Promise.reject(new Error('Unable to resolve host "hooks.example"'));
    const result = await createFetchTransport({ fetch }).post({
      url: 'https://hooks.example/sms',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(result).toMatchObject({ kind: 'network-error', code: 'ENOTFOUND' });
  });
  it("reads a certificate Android will not trust as CERT_UNTRUSTED, which pauses the queue as the engine's TLS message says", async () => {
    const fetch: FetchLike = () =>
      Promise.reject(
        new Error('java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.'),
      );
    const result = await createFetchTransport({ fetch }).post({
      url: 'https://hooks.example/sms',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(result).toMatchObject({ kind: 'network-error', code: 'CERT_UNTRUSTED' });
    expect(classifyResult(result, 0)).toMatchObject({
      kind: 'pause',
      category: 'configuration',
      error: 'TLS certificate not trusted (CERT_UNTRUSTED): the gateway will not send over it',
    });
  });

  it("keeps Node's own certificate code from fetch's cause, so a self-signed server pauses the queue", async () => {
    const cause = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const fetch: FetchLike = () => Promise.reject(new TypeError('fetch failed', { cause }));
    const result = await createFetchTransport({ fetch }).post({
      url: 'https://127.0.0.1:8443/sms',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(result).toMatchObject({ kind: 'network-error', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'pause', category: 'configuration' });
  });

  it('reads any other TLS trouble as a handshake failure the engine retries', async () => {
    const fetch: FetchLike = () => Promise.reject(new Error('SSL handshake aborted: ssl=0x7b: I/O error'));
    const result = await createFetchTransport({ fetch }).post({
      url: 'https://hooks.example/sms',
      headers: {},
      body: '',
      timeoutMs: 100,
    });
    expect(result).toMatchObject({ kind: 'network-error', code: 'ERR_SSL_HANDSHAKE' });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'retry', category: 'network' });
  });
});
