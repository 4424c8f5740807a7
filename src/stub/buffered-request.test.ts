import { describe, expect, it } from 'vitest';
import { bufferedRequest } from './buffered-request';

const make = (body: string | null = '{"a":1}', signal = () => new AbortController().signal) =>
  bufferedRequest('http://127.0.0.1:1/webhook?x=1', {
    method: body === null ? 'GET' : 'POST',
    headers: new Headers({ 'content-type': 'application/json', 'x-name': 'n' }),
    body: body === null ? null : Buffer.from(body),
    signal,
  });

describe('bufferedRequest', () => {
  it('is a Fetch Request with the url, method and headers given', () => {
    const request = make();
    expect(request).toBeInstanceOf(Request);
    expect(request.url).toBe('http://127.0.0.1:1/webhook?x=1');
    expect(request.method).toBe('POST');
    expect(request.headers.get('x-name')).toBe('n');
  });

  it('reads its body once, as text, json, bytes or a stream', async () => {
    expect(await make().text()).toBe('{"a":1}');
    expect(await make().json()).toEqual({ a: 1 });
    expect(new TextDecoder().decode(await make().arrayBuffer())).toBe('{"a":1}');
    expect(await new Response(make().body).text()).toBe('{"a":1}');
    const request = make();
    await request.text();
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it('has no body for GET', async () => {
    const request = make(null);
    expect(request.body).toBeNull();
    expect(await request.text()).toBe('');
  });

  it('clones into an independent request with the same body and its own headers', async () => {
    const request = make();
    const clone = request.clone();
    clone.headers.set('x-name', 'changed');
    expect(await clone.text()).toBe('{"a":1}');
    expect(await request.text()).toBe('{"a":1}');
    expect(request.headers.get('x-name')).toBe('n');
  });

  it('makes its signal only when asked for, and it is the one given', () => {
    const controller = new AbortController();
    let asked = 0;
    const request = make('{}', () => {
      asked += 1;
      return controller.signal;
    });
    expect(asked).toBe(0);
    controller.abort();
    expect(request.signal.aborted).toBe(true);
    expect(asked).toBe(1);
  });

  it('answers every attribute of the Request interface as new Request would', () => {
    const ours = make();
    const theirs = new Request('http://127.0.0.1:1/webhook?x=1', {
      method: 'POST',
      headers: ours.headers,
      body: '{"a":1}',
    });
    const attributes = Object.entries(Object.getOwnPropertyDescriptors(Request.prototype))
      .filter(([name, descriptor]) => descriptor.get !== undefined && !['body', 'signal', 'headers'].includes(name))
      .map(([name]) => name as keyof Request);
    expect(attributes).toContain('credentials');
    for (const name of attributes) expect([name, ours[name]]).toEqual([name, theirs[name]]);
    for (const name of ['arrayBuffer', 'blob', 'bytes', 'clone', 'formData', 'json', 'text']) {
      expect(Object.getOwnPropertyNames(Object.getPrototypeOf(ours))).toContain(name);
    }
  });

  it('refuses a URL that does not parse, as new Request does', () => {
    expect(() =>
      bufferedRequest('http://[::1/webhook', {
        method: 'GET',
        headers: new Headers(),
        body: null,
        signal: () => new AbortController().signal,
      }),
    ).toThrow(TypeError);
  });
});
