import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMswHttpServer, type MswHttpServer } from './msw-http-server';
import { postForTest } from '../../test/support/post-webhook';

const servers: MswHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stopListening()));
});

async function serve(
  handlers: Parameters<typeof createMswHttpServer>[0]['handlers'],
  onError = vi.fn(),
  maxBodyBytes?: number,
) {
  const server = createMswHttpServer({ handlers, onError, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { origin: `http://127.0.0.1:${port}`, onError, server };
}

describe('createMswHttpServer', () => {
  it('passes method, headers and body to the handler and writes its response back', async () => {
    const { origin } = await serve([
      http.post('/echo', async ({ request }) =>
        HttpResponse.text(`${request.headers.get('x-name')}:${await request.text()}`, {
          status: 201,
          headers: [
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ],
        }),
      ),
    ]);
    const result = await postForTest(`${origin}/echo`, 'héllo', { 'x-name': 'n' });
    expect(result).toMatchObject({
      kind: 'response',
      status: 201,
      body: 'n:héllo',
      headers: { 'set-cookie': ['a=1', 'b=2'] },
    });
  });

  it('offers each request only the handlers of its method, in order, http.all included', async () => {
    const { origin } = await serve([
      http.get('/x', () => HttpResponse.text('get')),
      http.all('/y', () => HttpResponse.text('all')),
      http.post('/x', () => HttpResponse.text('post')),
    ]);
    expect(await postForTest(`${origin}/x`, '')).toMatchObject({ status: 200, body: 'post' });
    expect(await (await fetch(`${origin}/x`)).text()).toBe('get');
    expect(await postForTest(`${origin}/y`, '')).toMatchObject({ status: 200, body: 'all' });
    expect(await postForTest(`${origin}/z`, '')).toMatchObject({ status: 404 });
  });

  it('turns HttpResponse.error() into a connection reset and keeps serving', async () => {
    const { origin } = await serve([
      http.post('/boom', () => HttpResponse.error()),
      http.get('/ok', () => HttpResponse.text('ok')),
    ]);
    expect(await postForTest(`${origin}/boom`, '')).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok');
  });

  it('reports every exchange once its answer is written: request, body, response and when it was written', async () => {
    const sent = HttpResponse.text('late', { status: 202 });
    const late = http.post('/late', async ({ request }) => {
      await request.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return sent;
    });
    const onExchange = vi.fn();
    const server = createMswHttpServer({
      handlers: [late, http.post('/boom', () => HttpResponse.error())],
      onExchange,
    });
    servers.push(server);
    const origin = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const postedAt = Date.now();
    expect(await postForTest(`${origin}/late`, 'héllo', { 'x-name': 'n' })).toMatchObject({
      status: 202,
      body: 'late',
    });
    expect(onExchange).toHaveBeenCalledTimes(1);
    const [exchange] = onExchange.mock.calls[0]!;
    expect(exchange.request).toBeInstanceOf(Request);
    expect(exchange.request.headers.get('x-name')).toBe('n');
    expect(exchange).toMatchObject({ target: '/late', response: sent, threw: false });
    expect(exchange.body.toString('utf8')).toBe('héllo');
    expect(exchange.arrivedAt).toBeGreaterThanOrEqual(postedAt);
    expect(exchange.writtenAt).toBeGreaterThanOrEqual(exchange.arrivedAt);
    expect(await postForTest(`${origin}/boom`, '')).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(onExchange).toHaveBeenCalledTimes(2);
    expect(onExchange.mock.calls[1]![0]).toMatchObject({ target: '/boom', writtenAt: null });
    expect(await postForTest(`${origin}/nowhere`, '')).toMatchObject({ status: 404 });
    expect(onExchange.mock.calls[2]![0]).toMatchObject({ target: '/nowhere', response: null, threw: false });
  });

  it('hands the handlers a real Fetch Request and moves past a handler that answers nothing', async () => {
    const seen: unknown[] = [];
    const { origin } = await serve([
      http.post('/hook', ({ request }) => {
        seen.push(request);
        return undefined;
      }),
      http.post('/hook', async ({ request }) => HttpResponse.json(await request.json(), { status: 201 })),
    ]);
    const result = await postForTest(`${origin}/hook`, '{"a":1}', { 'content-type': 'application/json' });
    expect(result).toMatchObject({ status: 201, body: '{"a":1}' });
    expect(seen).toHaveLength(1);
    expect(Object.getPrototypeOf(seen[0])).toBe(Request.prototype);
  });

  it('answers 500 and reports the error with its request when a handler throws, and keeps serving', async () => {
    const onHandlerError = vi.fn();
    const onExchange = vi.fn();
    const server = createMswHttpServer({
      handlers: [
        http.post('/throw', () => {
          throw new Error('handler bug');
        }),
        http.get('/ok', () => HttpResponse.text('ok')),
      ],
      onHandlerError,
      onExchange,
    });
    servers.push(server);
    const origin = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    expect(await postForTest(`${origin}/throw`, '')).toMatchObject({ kind: 'response', status: 500 });
    expect(onHandlerError).toHaveBeenCalledTimes(1);
    const [error, request] = onHandlerError.mock.calls[0]!;
    expect([error.message, request.method, new URL(request.url).pathname]).toEqual(['handler bug', 'POST', '/throw']);
    expect(onExchange.mock.calls[0]![0]).toMatchObject({ threw: true, response: null, writtenAt: expect.any(Number) });
    expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok');
  });

  it('answers 413 to a body over the limit', async () => {
    const { origin } = await serve([http.post('/small', () => HttpResponse.text('ok'))], vi.fn(), 10);
    expect(await postForTest(`${origin}/small`, 'x'.repeat(11))).toMatchObject({ kind: 'response', status: 413 });
  });

  it('refuses connections after stopListening and serves again after listen on the same port', async () => {
    const { origin, server } = await serve([http.get('/ok', () => HttpResponse.text('ok'))]);
    await server.stopListening();
    await expect(fetch(`${origin}/ok`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await server.listen(Number(new URL(origin).port), '127.0.0.1');
    expect(await (await fetch(`${origin}/ok`)).text()).toBe('ok');
  });
});
