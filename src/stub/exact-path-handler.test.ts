import { getResponse, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ExactPathHandler } from './exact-path-handler';

const origin = 'http://127.0.0.1:1';
const answer = async (handler: ExactPathHandler, path: string, method = 'POST') =>
  (await getResponse([handler], new Request(origin + path, { method }), { baseUrl: origin }))?.status ?? null;

describe('ExactPathHandler', () => {
  it('matches its path as msw would: any query, a trailing slash, any letter case', async () => {
    const handler = new ExactPathHandler('POST', '/webhook', () => new HttpResponse(null, { status: 204 }));
    expect(await answer(handler, '/webhook')).toBe(204);
    expect(await answer(handler, '/webhook?x=1')).toBe(204);
    expect(await answer(handler, '/webhook/')).toBe(204);
    expect(await answer(handler, '/WebHook')).toBe(204);
  });

  it('does not match another path or method', async () => {
    const handler = new ExactPathHandler('POST', '/webhook', () => new HttpResponse(null, { status: 204 }));
    expect(await answer(handler, '/webhooks')).toBeNull();
    expect(await answer(handler, '/webhook/x')).toBeNull();
    expect(await answer(handler, '/webhook', 'GET')).toBeNull();
  });

  it('leaves a path with parameters to msw and passes them on', async () => {
    const handler = new ExactPathHandler('POST', '/hooks/:id', ({ params }) => HttpResponse.text(String(params.id)));
    const response = await getResponse([handler], new Request(`${origin}/hooks/42`, { method: 'POST' }), {
      baseUrl: origin,
    });
    expect(await response?.text()).toBe('42');
  });

  it('answers with a Response the resolver throws, as msw does', async () => {
    const handler = new ExactPathHandler('POST', '/webhook', () => {
      throw new HttpResponse(null, { status: 418 });
    });
    expect(await answer(handler, '/webhook')).toBe(418);
  });

  it('passes on an error the resolver throws', async () => {
    const handler = new ExactPathHandler('POST', '/webhook', () => {
      throw new Error('resolver broke');
    });
    await expect(answer(handler, '/webhook')).rejects.toThrow('resolver broke');
  });

  it('runs finalize callbacks once the resolver settles, last registered first', async () => {
    const ran: string[] = [];
    const handler = new ExactPathHandler('POST', '/webhook', ({ finalize }) => {
      finalize(() => void ran.push('first'));
      finalize(() => void ran.push('second'));
      ran.push('resolver');
      return new HttpResponse(null, { status: 204 });
    });
    expect(await answer(handler, '/webhook')).toBe(204);
    expect(ran).toEqual(['resolver', 'second', 'first']);
  });

  it("keeps msw's own run for a once handler: it answers one request only", async () => {
    const handler = new ExactPathHandler('POST', '/webhook', () => new HttpResponse(null, { status: 204 }), {
      once: true,
    });
    expect(await answer(handler, '/webhook')).toBe(204);
    expect(await answer(handler, '/webhook')).toBeNull();
  });

  it("refuses a generator resolver with a message naming msw's handler", async () => {
    const handler = new ExactPathHandler('POST', '/webhook', function* () {
      yield new HttpResponse(null, { status: 204 });
    } as never);
    await expect(answer(handler, '/webhook')).rejects.toThrow(
      /generator resolver needs msw's own handler \(http\.post\)/,
    );
  });
});
