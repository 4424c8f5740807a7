import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { jsonResponse, knownBody } from './json-response.js';

describe('jsonResponse', () => {
  it('answers like HttpResponse.json: status, status text, content type and length', async () => {
    const ours = jsonResponse({ status: 'rejected', reason: 'é' }, { status: 401, headers: { 'retry-after': '2' } });
    const theirs = HttpResponse.json({ status: 'rejected', reason: 'é' }, { status: 401, headers: { 'retry-after': '2' } });
    expect(ours).toBeInstanceOf(HttpResponse);
    expect([ours.status, ours.statusText]).toEqual([theirs.status, theirs.statusText]);
    expect(Object.fromEntries(ours.headers)).toEqual(Object.fromEntries(theirs.headers));
    expect(await ours.json()).toEqual(await theirs.json());
  });

  it('gives its body text to the server without a stream, and to any reader once', async () => {
    const response = jsonResponse({ status: 'accepted' });
    expect(knownBody(response)).toBe('{"status":"accepted"}');
    expect(await response.clone().text()).toBe('{"status":"accepted"}');
    expect(await new Response(response.body).text()).toBe('{"status":"accepted"}');
    expect(knownBody(HttpResponse.json({}))).toBeUndefined();
  });

  it('drops the body of a null-body status such as 204, as Fetch does', () => {
    const response = jsonResponse({ status: 'fault' }, { status: 204 });
    expect(response.body).toBeNull();
    expect(knownBody(response)).toBeUndefined();
  });
});
