import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { jsonResponse, knownResponse } from './json-response';

describe('jsonResponse', () => {
  it('answers like HttpResponse.json: status, status text, content type and length', async () => {
    const ours = jsonResponse({ status: 'rejected', reason: 'é' }, { status: 401, headers: { 'retry-after': '2' } });
    const theirs = HttpResponse.json(
      { status: 'rejected', reason: 'é' },
      { status: 401, headers: { 'retry-after': '2' } },
    );
    expect(ours).toBeInstanceOf(HttpResponse);
    expect([ours.status, ours.statusText]).toEqual([theirs.status, theirs.statusText]);
    expect(Object.fromEntries(ours.headers)).toEqual(Object.fromEntries(theirs.headers));
    expect(await ours.json()).toEqual(await theirs.json());
  });

  it('gives its body text to the server without a stream, and to any reader once', async () => {
    const response = jsonResponse({ status: 'accepted' });
    expect(knownResponse(response)).toEqual({
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json', 'content-length': '21' },
      body: '{"status":"accepted"}',
    });
    expect(await response.clone().text()).toBe('{"status":"accepted"}');
    expect(await new Response(response.body).text()).toBe('{"status":"accepted"}');
    expect(knownResponse(HttpResponse.json({}))).toBeUndefined();
  });

  it('drops the body of a null-body status such as 204, as Fetch does', () => {
    const response = jsonResponse({ status: 'fault' }, { status: 204 });
    expect(response.body).toBeNull();
    expect(knownResponse(response)).toBeUndefined();
  });

  it('answers every attribute of the Response interface as HttpResponse.json would', () => {
    const ours = jsonResponse({ a: 1 }, { status: 503 });
    const theirs = HttpResponse.json({ a: 1 }, { status: 503 });
    const attributes = Object.entries(Object.getOwnPropertyDescriptors(Response.prototype))
      .filter(([name, descriptor]) => descriptor.get !== undefined && !['body', 'headers'].includes(name))
      .map(([name]) => name as keyof Response);
    expect(attributes).toContain('statusText');
    for (const name of attributes) expect([name, ours[name]]).toEqual([name, theirs[name]]);
    expect(ours).toBeInstanceOf(Response);
  });

  it('is written from its Headers once someone has taken them, so a change to them is kept', () => {
    const response = jsonResponse({ a: 1 });
    response.headers.set('x-extra', 'yes');
    expect(knownResponse(response)).toBeUndefined();
    expect(response.headers.get('x-extra')).toBe('yes');
  });
});
