import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../../test/support/closing-servers';
import { classifyResult } from '../../../android-app/src/engine/index';
import { selfSignedCertificate, type KeyAndCertificate } from '../../stub/self-signed-certificate';
import type { ClosableTransport } from './got-transport';
import { createGotTransport } from './got-transport';
import { createNodeHttpTransport, type NodeHttpTransportOptions } from './node-http-transport';
import { describeWithTools } from '../../../test/support/require-tool';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly contentType: string | undefined;
  readonly key: string | undefined;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const closing = closeAfterEach();

/** A real server on 127.0.0.1 (HTTPS with `certificate`) that keeps every request it got. */
async function serve(handler: Handler, certificate?: KeyAndCertificate): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        path: request.url ?? '',
        body,
        contentType: request.headers['content-type'],
        key: request.headers['idempotency-key'] as string | undefined,
      });
      handler(request, response);
    });
  };
  const server = certificate ? createHttpsServer(certificate, listener) : createHttpServer(listener);
  closing.server(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scheme = certificate ? 'https' : 'http';
  return { base: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function transport(options: NodeHttpTransportOptions = {}): ClosableTransport {
  const created = createNodeHttpTransport(options);
  closing.transport(created);
  return created;
}

const request = (url: string) => ({
  url,
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
  body: '{"text":"hello"}',
  timeoutMs: 10_000,
});

const ok: Handler = (_request, response) => response.writeHead(200).end('ok');

describeWithTools(['openssl'], 'createNodeHttpTransport over HTTPS', () => {
  let certificate: KeyAndCertificate;
  beforeAll(async () => {
    // The stub's own: the certificate `tls: self-signed` serves.
    certificate = await selfSignedCertificate();
  });

  it("refuses a certificate nobody trusts with the platform's code, and the server never gets the SMS", async () => {
    const server = await serve(ok, certificate);
    const result = await transport().post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'network-error', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(server.seen).toEqual([]);
    expect(classifyResult(result, Date.now())).toEqual({
      kind: 'pause',
      category: 'configuration',
      error: 'TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it',
      httpStatus: null,
    });
  });

  it('refuses it with got too, the transport kept beside this one', async () => {
    const server = await serve(ok, certificate);
    const got = createGotTransport();
    closing.transport(got);
    expect(await got.post(request(`${server.base}/hook`))).toMatchObject({
      kind: 'network-error',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(server.seen).toEqual([]);
  });

  it('accepts any certificate when told to (the planted ignore-tls), and the POST arrives whole', async () => {
    const server = await serve((_request, response) => response.writeHead(201).end('stored'), certificate);
    const result = await transport({ trustAnyCertificate: true }).post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'response', status: 201, body: 'stored' });
    expect(server.seen).toEqual([
      { method: 'POST', path: '/hook', body: '{"text":"hello"}', contentType: 'application/json', key: 'k1' },
    ]);
  });

  it('never falls back to cleartext: an https URL to a plain HTTP server fails in the handshake', async () => {
    const server = await serve(ok);
    const result = await transport().post(request(`${server.base.replace('http:', 'https:')}/hook`));
    expect(result.kind).toBe('network-error');
    expect(server.seen).toEqual([]);
    expect(classifyResult(result, Date.now())).toMatchObject({ kind: 'retry', category: 'network' });
  });
});

describe('createNodeHttpTransport and redirects', () => {
  /** POST /hook answers `status` to /elsewhere; anything at /elsewhere gets a 200 that accepts nothing. */
  const redirecting =
    (status: number, location = '/elsewhere'): Handler =>
    (incoming, response) =>
      incoming.url === '/hook'
        ? response.writeHead(status, { Location: location }).end()
        : response.writeHead(200).end('a page');

  it('hands a redirect back to the engine by default, which pauses on it: only the POST was made', async () => {
    const server = await serve(redirecting(302));
    const result = await transport().post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'response', status: 302, headers: { location: '/elsewhere' } });
    expect(server.seen.map((seen) => `${seen.method} ${seen.path}`)).toEqual(['POST /hook']);
    expect(classifyResult(result, Date.now())).toMatchObject({ kind: 'pause', category: 'configuration' });
  });

  it.each([301, 302, 303])(
    'follows a %i as a naive fetch does when told to: a GET without the SMS, whose 200 looks delivered',
    async (status) => {
      const server = await serve(redirecting(status));
      const result = await transport({ followRedirects: true }).post(request(`${server.base}/hook`));
      expect(result).toMatchObject({ kind: 'response', status: 200, body: 'a page' });
      expect(server.seen).toEqual([
        { method: 'POST', path: '/hook', body: '{"text":"hello"}', contentType: 'application/json', key: 'k1' },
        { method: 'GET', path: '/elsewhere', body: '', contentType: undefined, key: 'k1' },
      ]);
      expect(classifyResult(result, Date.now())).toMatchObject({ kind: 'delivered' });
    },
  );

  it.each([307, 308])('follows a %i by POSTing the SMS again to the new place', async (status) => {
    const server = await serve(redirecting(status));
    const result = await transport({ followRedirects: true }).post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(server.seen.map((seen) => [seen.method, seen.path, seen.body])).toEqual([
      ['POST', '/hook', '{"text":"hello"}'],
      ['POST', '/elsewhere', '{"text":"hello"}'],
    ]);
  });

  it('stops after 20 redirects and returns the last one, as fetch gives up on a loop', async () => {
    const server = await serve((_request, response) => response.writeHead(302, { Location: '/hook' }).end());
    const result = await transport({ followRedirects: true }).post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'response', status: 302 });
    expect(server.seen).toHaveLength(21);
  });

  it('returns a redirect without a Location as it is', async () => {
    const server = await serve((_request, response) => response.writeHead(301).end());
    const result = await transport({ followRedirects: true }).post(request(`${server.base}/hook`));
    expect(result).toMatchObject({ kind: 'response', status: 301 });
    expect(server.seen).toHaveLength(1);
  });
});
