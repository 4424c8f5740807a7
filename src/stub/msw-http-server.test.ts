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

  it("tells when it wrote a handler's response, after the handler is done, and not for a reset", async () => {
    const sent = HttpResponse.text('late');
    const late = http.post('/late', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return sent;
    });
    const onWritten = vi.fn();
    const server = createMswHttpServer({ handlers: [late, http.post('/boom', () => HttpResponse.error())], onWritten });
    servers.push(server);
    const origin = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const postedAt = Date.now();
    expect(await postForTest(`${origin}/late`, '')).toMatchObject({ status: 200, body: 'late' });
    expect(onWritten).toHaveBeenCalledTimes(1);
    const [response, writtenAt] = onWritten.mock.calls[0]!;
    expect(response).toBe(sent);
    expect(writtenAt).toBeGreaterThanOrEqual(postedAt);
    expect(await postForTest(`${origin}/boom`, '')).toEqual({ kind: 'error', code: 'ECONNRESET' });
    expect(onWritten).toHaveBeenCalledTimes(1);
  });

  it('answers 500 and reports the error when a handler throws', async () => {
    const { origin, onError } = await serve([
      http.post('/throw', () => {
        throw new Error('handler bug');
      }),
    ]);
    expect(await postForTest(`${origin}/throw`, '')).toMatchObject({ kind: 'response', status: 500 });
    expect(onError).toHaveBeenCalled();
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
