import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { fetch as reactNativeFetch } from 'whatwg-fetch';
import { classifyResult } from '../engine';
import { cleartextPolicyOf, networkSecurityConfigs } from '../../test/support/network-security-policy';
import { useOkHttpXhr } from '../../test/support/okhttp-xhr';
import { cleartextCheck } from './cleartext-policy';
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

/** What a real webhook saw: one line per request, `METHOD path body`. */
async function serveMoved(status: number): Promise<{ base: string; seen: string[] }> {
  const seen: string[] = [];
  const base = await serve((request, response, body) => {
    seen.push(`${request.method} ${request.url} ${body}`.trim());
    if (request.url === '/sms') response.writeHead(status, { Location: '/moved?echo=1' }).end();
    else response.writeHead(200).end('ok');
  });
  return { base, seen };
}

describe("createFetchTransport over React Native's fetch (whatwg-fetch on an XMLHttpRequest that redirects as OkHttp does)", () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });
  const rnPost = (url: string) => {
    restore ??= useOkHttpXhr();
    return createFetchTransport({ fetch: reactNativeFetch as unknown as FetchLike }).post({
      url,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'm-1' },
      body: '{"a":1}',
      timeoutMs: 5_000,
    });
  };

  it.each([301, 302])(
    'never counts a POST that OkHttp followed after a %i and sent on as a GET as delivered: it pauses with the final URL',
    async (status) => {
      const { base, seen } = await serveMoved(status);
      const result = await rnPost(`${base}/sms`);
      expect(seen).toEqual(['POST /sms {"a":1}', 'GET /moved?echo=1']);
      expect(result).toMatchObject({ kind: 'response', status: 200, redirectedTo: `${base}/moved?echo=1` });
      expect(classifyResult(result, 0)).toEqual({
        kind: 'pause',
        category: 'configuration',
        error: `Webhook redirected to ${base}/moved: set the final URL in Settings`,
        httpStatus: null,
      });
    },
  );

  it.each([307, 308])('pauses too when OkHttp sent the POST on to where a %i pointed', async (status) => {
    const { base, seen } = await serveMoved(status);
    const result = await rnPost(`${base}/sms`);
    expect(seen).toEqual(['POST /sms {"a":1}', 'POST /moved?echo=1 {"a":1}']);
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'pause', category: 'configuration' });
  });

  it('delivers when the answer comes from the URL it was sent to, however OkHttp writes that URL back', async () => {
    const base = await serve((_request, response) => response.writeHead(200).end('ok'));
    // No path, or an upper-case scheme: OkHttp writes the URL back as `${base}/`, `http://…`.
    const loud = `${base.replace('http://', 'HTTP://')}/sms`;
    for (const url of [base, `${base}/sms?x=%7E`, loud]) {
      expect(classifyResult(await rnPost(url), 0)).toEqual({ kind: 'delivered', httpStatus: 200 });
    }
  });
});

describe('createFetchTransport and plain http', () => {
  const refusedUrl = 'http://192.168.1.20:8080/sms';
  const request = (url: string) => ({ url, headers: {}, body: '{}', timeoutMs: 2_000 });

  it("refuses plain http the release build's network security config refuses, without sending, and pauses with the fix", async () => {
    let called = false;
    const fetch: FetchLike = async () => {
      called = true;
      throw new Error('unreachable');
    };
    const cleartext = cleartextCheck(cleartextPolicyOf(networkSecurityConfigs.release));
    const result = await createFetchTransport({ fetch, cleartext }).post(request(refusedUrl));
    expect(called).toBe(false);
    expect(result).toMatchObject({
      kind: 'network-error',
      code: 'CLEARTEXT_NOT_PERMITTED',
      message: expect.stringMatching(/^Plain http to 192\.168\.1\.20 is refused .*: use an https URL/),
    });
    expect(classifyResult(result, 0)).toMatchObject({
      kind: 'pause',
      category: 'configuration',
      error: expect.stringContaining('set an https webhook URL in Settings'),
    });
  });

  it('still reaches the harness over plain http on loopback in a release build', async () => {
    const base = await serve((_request, response) => response.writeHead(200).end());
    const cleartext = cleartextCheck(cleartextPolicyOf(networkSecurityConfigs.release));
    const result = await createFetchTransport({ cleartext }).post(request(`${base}/webhook`));
    expect(classifyResult(result, 0)).toEqual({ kind: 'delivered', httpStatus: 200 });
  });

  it('sends plain http to the local network from the LAN build', async () => {
    const sent: string[] = [];
    // No traffic to a private address from a test: the fetch only records what would go out.
    const fetch: FetchLike = async (url) => {
      sent.push(url);
      return { status: 204, url, headers: new Headers(), text: async () => '' };
    };
    const cleartext = cleartextCheck(cleartextPolicyOf(networkSecurityConfigs.lan));
    const result = await createFetchTransport({ fetch, cleartext }).post(request(refusedUrl));
    expect(sent).toEqual([refusedUrl]);
    expect(classifyResult(result, 0)).toEqual({ kind: 'delivered', httpStatus: 204 });
  });

  it("reads OkHttp's own cleartext refusal, where a fetch passes it on, as the same configuration error", async () => {
    const fetch: FetchLike = () =>
      Promise.reject(new Error('CLEARTEXT communication to 192.168.1.20 not permitted by network security policy'));
    const result = await createFetchTransport({ fetch }).post(request(refusedUrl));
    expect(result).toMatchObject({ kind: 'network-error', code: 'CLEARTEXT_NOT_PERMITTED' });
    expect(classifyResult(result, 0)).toMatchObject({ kind: 'pause', category: 'configuration' });
  });
});
