import { describe, expect, it } from 'vitest';
import { categorizeError, classifyResult } from './classify';
import type { TransportResult } from './ports';
import { networkError, respond } from '../../test/support/fake-transport';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('classifyResult', () => {
  it.each<[string, TransportResult, string, string | null]>([
    // name, result, expected kind, expected category
    ['200 is delivered', respond(200), 'delivered', null],
    ['201 is delivered', respond(201), 'delivered', null],
    ['204 is delivered', respond(204), 'delivered', null],
    ['299 is delivered', respond(299), 'delivered', null],
    ['ECONNREFUSED is a network retry', networkError('ECONNREFUSED'), 'retry', 'network'],
    ['ECONNRESET is a network retry', networkError('ECONNRESET'), 'retry', 'network'],
    ['ETIMEDOUT is a network retry', networkError('ETIMEDOUT'), 'retry', 'network'],
    ['ENOTFOUND (DNS) is a network retry', networkError('ENOTFOUND'), 'retry', 'network'],
    ['EAI_AGAIN (DNS) is a network retry', networkError('EAI_AGAIN'), 'retry', 'network'],
    ['a TLS handshake error is a network retry', networkError('ERR_SSL_WRONG_VERSION_NUMBER'), 'retry', 'network'],
    ['a handshake cut short (EPROTO) is a network retry', networkError('EPROTO'), 'retry', 'network'],
    ['an expired certificate pauses as configuration', networkError('CERT_HAS_EXPIRED'), 'pause', 'configuration'],
    [
      'a self-signed certificate pauses as configuration',
      networkError('DEPTH_ZERO_SELF_SIGNED_CERT'),
      'pause',
      'configuration',
    ],
    [
      'a self-signed root in the chain pauses as configuration',
      networkError('SELF_SIGNED_CERT_IN_CHAIN'),
      'pause',
      'configuration',
    ],
    [
      'an unknown issuer pauses as configuration',
      networkError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
      'pause',
      'configuration',
    ],
    [
      'a certificate for another host pauses as configuration',
      networkError('ERR_TLS_CERT_ALTNAME_INVALID'),
      'pause',
      'configuration',
    ],
    ['an abort is a network retry', networkError('ABORT_ERR'), 'retry', 'network'],
    ['an unknown transport code is an unknown retry', networkError('EWEIRD'), 'retry', 'unknown'],
    ['500 is http-transient', respond(500), 'retry', 'http-transient'],
    ['502 is http-transient', respond(502), 'retry', 'http-transient'],
    ['503 is http-transient', respond(503), 'retry', 'http-transient'],
    ['504 is http-transient', respond(504), 'retry', 'http-transient'],
    ['408 is http-transient', respond(408), 'retry', 'http-transient'],
    ['425 is http-transient', respond(425), 'retry', 'http-transient'],
    ['429 is http-transient', respond(429), 'retry', 'http-transient'],
    ['400 is rejected, not retried', respond(400), 'reject', 'http-rejected'],
    ['404 is rejected, not retried', respond(404), 'reject', 'http-rejected'],
    ['409 is rejected, not retried', respond(409), 'reject', 'http-rejected'],
    ['410 is rejected, not retried', respond(410), 'reject', 'http-rejected'],
    ['413 is rejected, not retried', respond(413), 'reject', 'http-rejected'],
    ['422 is rejected, not retried', respond(422), 'reject', 'http-rejected'],
    ['401 (bad secret) pauses as configuration', respond(401), 'pause', 'configuration'],
    ['403 (bad secret) pauses as configuration', respond(403), 'pause', 'configuration'],
    [
      'a redirect pauses as configuration',
      respond(301, { location: 'https://new.example/hook' }),
      'pause',
      'configuration',
    ],
    [
      'a malformed URL pauses as configuration',
      { kind: 'invalid-request', message: 'malformed URL: ht!tp' },
      'pause',
      'configuration',
    ],
    ['a 1xx final status is an unknown retry', respond(199), 'retry', 'unknown'],
  ])('%s', (_name, result, kind, category) => {
    const outcome = classifyResult(result, now);
    expect(outcome.kind).toBe(kind);
    expect('category' in outcome ? outcome.category : null).toBe(category);
  });

  it("names the status, its class and what happens next in its own words, never in the server's", () => {
    // A server that echoes its request answers with the SMS itself.
    const echo = '{"from":"+15557778888","text":"my secret PIN is 4321"}';
    const errors = [400, 401, 404, 422, 429, 500, 503, 599, 199].map((status) => {
      const outcome = classifyResult(respond(status, {}, echo), now);
      return 'error' in outcome ? outcome.error : '';
    });
    expect(errors).toEqual([
      'HTTP 400 Bad Request (client error): the webhook refused this message, not retried',
      'Webhook rejected our credentials (check the secret): HTTP 401 Unauthorized (client error)',
      'HTTP 404 Not Found (client error): the webhook refused this message, not retried',
      'HTTP 422 Unprocessable Content (client error): the webhook refused this message, not retried',
      'HTTP 429 Too Many Requests (client error), will retry',
      'HTTP 500 Internal Server Error (server error), will retry',
      'HTTP 503 Service Unavailable (server error), will retry',
      'HTTP 599 (server error), will retry',
      'Unexpected HTTP 199 (informational), will retry',
    ]);
    for (const error of errors) expect(error).not.toMatch(/PIN|is 4321|5557778888/);
  });

  it('names where a redirect points without its query, which the server could fill with anything', () => {
    const outcome = classifyResult(
      respond(302, { location: 'https://new.example/hook?echo=my%20secret%20PIN#4321' }),
      now,
    );
    expect(outcome).toMatchObject({
      kind: 'pause',
      error: 'Webhook redirects (302 to https://new.example/hook): set the final URL',
    });
  });

  it('never takes a 2xx from where the platform was redirected for a delivery: it pauses with the final URL', () => {
    for (const status of [200, 204, 404, 405]) {
      const followed: TransportResult = {
        kind: 'response',
        status,
        headers: {},
        body: '',
        redirectedTo: 'https://new.example/hook?echo=my%20secret%20PIN',
      };
      expect(classifyResult(followed, now)).toEqual({
        kind: 'pause',
        category: 'configuration',
        error: 'Webhook redirected to https://new.example/hook: set the final URL in Settings',
        httpStatus: null,
      });
    }
  });

  it('pauses on plain http the phone refuses, with the fix, since no retry sends it', () => {
    const outcome = classifyResult(
      networkError('CLEARTEXT_NOT_PERMITTED', 'CLEARTEXT communication to 192.168.1.20 not permitted'),
      now,
    );
    expect(outcome).toEqual({
      kind: 'pause',
      category: 'configuration',
      error:
        "Plain http refused by the phone's network security policy (CLEARTEXT_NOT_PERMITTED): set an https webhook URL in Settings",
      httpStatus: null,
    });
  });

  it("says an untrusted certificate is a person's to fix, in its own words: the code, never the platform's message", () => {
    const outcome = classifyResult(
      networkError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate; subject CN=my secret PIN 4321'),
      now,
    );
    expect(outcome).toEqual({
      kind: 'pause',
      category: 'configuration',
      error: 'TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the gateway will not send over it',
      httpStatus: null,
    });
  });

  it('reads Retry-After in seconds, whatever the header case', () => {
    expect(classifyResult(respond(503, { 'Retry-After': '120' }), now)).toMatchObject({ retryAfterMs: 120_000 });
    expect(classifyResult(respond(429, { 'retry-after': '7' }), now)).toMatchObject({ retryAfterMs: 7_000 });
  });

  it('reads Retry-After as an HTTP date', () => {
    const at = new Date(now + 90_000).toUTCString();
    expect(classifyResult(respond(503, { 'retry-after': at }), now)).toMatchObject({ retryAfterMs: 90_000 });
  });

  it('says how to fix a rejected credential', () => {
    expect(classifyResult(respond(401), now)).toMatchObject({ error: expect.stringMatching(/check the secret/) });
  });
});

describe('categorizeError', () => {
  it.each<[string, unknown, string]>([
    ['SQLITE_BUSY is database', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'database'],
    ['SQLITE_BUSY_SNAPSHOT is database', Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }), 'database'],
    ['SQLITE_LOCKED is database', Object.assign(new Error('x'), { code: 'SQLITE_LOCKED' }), 'database'],
    [
      'SQLITE_FULL is database',
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
      'database',
    ],
    ['SQLITE_IOERR_WRITE is database', Object.assign(new Error('x'), { code: 'SQLITE_IOERR_WRITE' }), 'database'],
    [
      'a driver that only says "database is locked" is database',
      new Error('[op-sqlite] database is locked'),
      'database',
    ],
    [
      'a revoked permission is permissions',
      new Error('SecurityException: Permission denial: reading SMS'),
      'permissions',
    ],
    [
      'a constraint violation is a bug, unknown',
      Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      'unknown',
    ],
    ['anything else is unknown', new TypeError('undefined is not a function'), 'unknown'],
  ])('%s', (_name, error, category) => {
    expect(categorizeError(error)).toBe(category);
  });
});
