// Bad webhook requests against a real stub: malformed JSON, wrong types, missing and
// doubled headers, odd content types, bad signatures and timestamps. Each case knows whether it
// breaks the request; the stub must answer it with the right 4xx and a JSON reason, never a 5xx,
// count it, and keep a ledger that agrees with what it answered.
import { request } from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stubDefaults } from './defaults';
import { signWebhook } from './signature';
import { startStubInThread, type StubServer } from './start-stub';
import { startStub } from './stub-thread';
import { webhookPayload } from '../../test/support/webhook-fixtures';

const secret = 'fuzz-secret';

type Headers = Record<string, string | string[]>;
interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One POST with headers exactly as given (an array sends the header twice); a connection error is a failure. */
function post(stub: StubServer, body: string | Buffer, headers: Headers): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(stub.url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** How a mutation leaves the request: still valid, refused by the payload check (400) or by the signature check (401). */
type Breaks = 'nothing' | 'payload' | 'signature';

interface Draft {
  payload: Record<string, unknown>;
  /** Set by a mutation that writes the body itself; otherwise the payload as JSON. */
  body: string | null;
  /** Write the payload with a leading `"__proto__"` key, which JSON.parse keeps as a plain field. */
  protoKey: boolean;
  headers: Record<string, string | string[] | null>;
  /** null: sign the final body with a fresh timestamp. */
  timestamp: string | null;
  /** Applied after signing. */
  afterSigning: Array<(draft: { body: string; headers: Headers }) => void>;
  breaks: Set<Breaks>;
}

type Mutation = (draft: Draft) => void;

/** A mutation that prints as `label` in a counterexample, instead of as its source. */
const named = (label: string, apply: Mutation): Mutation => Object.assign(apply, { [fc.toStringMethod]: () => label });

const fields = ['messageId', 'from', 'text', 'receivedAt', 'simSlot', 'parts', 'deviceId', 'seq'] as const;
/** Values each field must refuse (the wire contract, docs/architecture.md), `undefined` meaning the field is left out. */
const wrongValues: Record<(typeof fields)[number], unknown[]> = {
  messageId: ['', 1, null, [], {}, true, undefined],
  from: [1, null, [], {}, false, undefined],
  text: [1, null, ['hi'], {}, true, undefined],
  receivedAt: [null, [], {}, true, undefined],
  simSlot: ['0', [], {}, true, undefined],
  parts: [0, -1, 1.5, '1', null, undefined],
  deviceId: [1, null, [], {}, undefined],
  seq: ['1', null, [], {}, true, undefined],
};

const malformedJson = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '{',
    '}',
    'null',
    '[]',
    '"text"',
    '42',
    'true',
    '{"messageId":',
    '{"messageId":"m"}}',
    'NaN',
    "{'messageId':'m'}",
    '\u0000',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  malformedJson.map((text) =>
    named(`body ${JSON.stringify(text.slice(0, 40))}`, (draft) => {
      draft.body = text;
      draft.breaks.add('payload');
    }),
  ),
  fc.constantFrom(...fields).chain((field) =>
    fc.constantFrom(...wrongValues[field]).map((value) =>
      named(`${field}: ${JSON.stringify(value)}`, (draft) => {
        if (value === undefined) delete draft.payload[field];
        else draft.payload[field] = value;
        draft.breaks.add('payload');
      }),
    ),
  ),
  // Harmless: extra fields, a __proto__ key, whitespace, other content types, no User-Agent.
  fc.jsonValue({ maxDepth: 2 }).map((value) =>
    named(`extra: ${JSON.stringify(value)}`, (draft) => {
      draft.payload.extra = value;
    }),
  ),
  fc.constant(
    named('a __proto__ key', (draft) => {
      draft.protoKey = true;
    }),
  ),
  fc
    .constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'nonsense',
    )
    .map((type) =>
      named(`content-type: ${type}`, (draft) => {
        draft.headers['content-type'] = type;
      }),
    ),
  fc.constant(
    named('no user-agent', (draft) => {
      draft.headers['user-agent'] = null;
    }),
  ),
  // Idempotency-Key: missing, another key, or sent twice (which HTTP joins into "k, k").
  fc.constant(
    named('no idempotency-key', (draft) => {
      draft.headers['idempotency-key'] = null;
      draft.breaks.add('payload');
    }),
  ),
  fc.string({ minLength: 1, maxLength: 20 }).map((key) =>
    named(`idempotency-key: ${key}`, (draft) => {
      if (key.trim() === '' || key.trim() === draft.payload.messageId) return;
      draft.headers['idempotency-key'] = key;
      draft.breaks.add('payload');
    }),
  ),
  fc.constant(
    named('idempotency-key twice', (draft) => {
      draft.headers['idempotency-key'] = [String(draft.payload.messageId), String(draft.payload.messageId)];
      draft.breaks.add('payload');
    }),
  ),
  // Signatures and timestamps: missing, malformed, stale, doubled, or a body changed after signing.
  fc
    .oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('', 'sha256=', 'sha256=zz', 'sha1=abc', `sha256=${'0'.repeat(64)}`, `sha256=${'g'.repeat(64)}`),
    )
    .map((signature) =>
      named(`x-signature: ${signature}`, (draft) => {
        draft.afterSigning.push(({ headers }) => (headers['x-signature'] = signature));
        draft.breaks.add('signature');
      }),
    ),
  fc.constantFrom('zz', '0', ', sha256=00').map((junk) =>
    named(`x-signature + ${JSON.stringify(junk)}`, (draft) => {
      draft.afterSigning.push(({ headers }) => (headers['x-signature'] = `${String(headers['x-signature'])}${junk}`));
      draft.breaks.add('signature');
    }),
  ),
  fc.constant(
    named('x-signature twice', (draft) => {
      draft.afterSigning.push(
        ({ headers }) => (headers['x-signature'] = [String(headers['x-signature']), String(headers['x-signature'])]),
      );
      draft.breaks.add('signature');
    }),
  ),
  fc.constantFrom('x-signature', 'x-timestamp').map((name) =>
    named(`no ${name}`, (draft) => {
      draft.afterSigning.push(({ headers }) => delete headers[name]);
      draft.breaks.add('signature');
    }),
  ),
  fc
    .constantFrom(
      '',
      'abc',
      '-1',
      '0',
      '1e3',
      'NaN',
      'Infinity',
      '2026-11-29T17:00:00Z',
      String(Date.now() - 10 * 60_000),
      String(Date.now() + 10 * 60_000),
    )
    .map((timestamp) =>
      named(`x-timestamp: ${timestamp}`, (draft) => {
        draft.timestamp = timestamp;
        draft.breaks.add('signature');
      }),
    ),
  fc.constant(
    named('body changed after signing', (draft) => {
      draft.afterSigning.push((signed) => (signed.body = `${signed.body} `));
      draft.breaks.add('signature');
    }),
  ),
);

interface Case {
  readonly key: number;
  readonly mutations: readonly Mutation[];
}
const oneCase = fc.record({ key: fc.nat({ max: 6 }), mutations: fc.array(mutation, { maxLength: 3 }) });

let lastStampMs = 0;
const freshTimestamp = (): string => String((lastStampMs = Math.max(lastStampMs + 1, Date.now())));

/** The request a case describes, and the status the stub must answer it with. */
function build(
  { key, mutations }: Case,
  signed: boolean,
): { body: string; headers: Headers; expected: 200 | 400 | 401 } {
  const payload = webhookPayload(key) as unknown as Record<string, unknown>;
  const draft: Draft = {
    payload: { ...payload },
    body: null,
    protoKey: false,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': String(payload.messageId),
      'user-agent': 'smsgw-fuzz',
    },
    timestamp: null,
    afterSigning: [],
    breaks: new Set(),
  };
  for (const apply of mutations) apply(draft);
  const headers: Headers = {};
  for (const [name, value] of Object.entries(draft.headers)) if (value !== null) headers[name] = value;
  const json = draft.protoKey
    ? `{"__proto__":{"messageId":"evil"},${JSON.stringify(draft.payload, null, 2).slice(1)}`
    : JSON.stringify(draft.payload);
  const signedRequest = { body: draft.body ?? json, headers };
  if (signed) {
    const timestamp = draft.timestamp ?? freshTimestamp();
    headers['x-timestamp'] = timestamp;
    headers['x-signature'] = signWebhook(secret, timestamp, signedRequest.body);
    for (const after of draft.afterSigning) after(signedRequest);
  }
  // The signature is checked first; without a secret, nothing about it can break a request.
  const expected = signed && draft.breaks.has('signature') ? 401 : draft.breaks.has('payload') ? 400 : 200;
  return { ...signedRequest, expected };
}

/**
 * A stub on its own thread, as a run has it; `fresh` cases, a new stub for each of a hundred property
 * runs, get one on this thread instead: what they fuzz is what the stub's handlers answer, the same
 * code on either thread, and a hundred threads would mostly measure how long a thread takes to start.
 */
async function withStub<T>(signed: boolean, use: (stub: StubServer) => Promise<T>, fresh = false): Promise<T> {
  const options = { secret: signed ? secret : null };
  const stub = fresh ? await startStubInThread(options) : await startStub(options);
  try {
    return await use(stub);
  } finally {
    await stub.close();
  }
}

describe('the stub under bad webhook requests', () => {
  it('answers each with the right 4xx and a JSON reason, never 5xx, and keeps a ledger that agrees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(oneCase, { minLength: 1, maxLength: 8 }), async (signed, cases) => {
        await withStub(
          signed,
          async (stub) => {
            const acceptedCounts = new Map<string, number>();
            let rejected = 0;
            let unauthorized = 0;
            let redeliveries = 0;
            for (const fuzzCase of cases) {
              const { body, headers, expected } = build(fuzzCase, signed);
              const answer = await post(stub, body, headers);
              expect({ status: answer.status, body: answer.body }).toMatchObject({ status: expected });
              const json = JSON.parse(answer.body) as { status: string; reason?: unknown };
              if (expected === 200) {
                const key = `msg-${fuzzCase.key}`;
                expect(json).toEqual({ status: acceptedCounts.has(key) ? 'duplicate' : 'accepted' });
                if (acceptedCounts.has(key)) redeliveries += 1;
                acceptedCounts.set(key, (acceptedCounts.get(key) ?? 0) + 1);
              } else {
                expect(json).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/\S/) });
                rejected += 1;
                if (expected === 401) unauthorized += 1;
              }
            }
            const stats = stub.stats();
            expect(stats).toMatchObject({
              requests: cases.length,
              accepted: acceptedCounts.size,
              redeliveries,
              rejected4xx: rejected,
            });
            expect(stats.badSignatures + stats.staleSignatures + stats.replays).toBe(unauthorized);
            const ledger = [...stub.ledger.accepted()].map(({ messageId, acceptedCount }) => [
              messageId,
              acceptedCount,
            ]);
            expect(new Map(ledger as Array<[string, number]>)).toEqual(acceptedCounts);
          },
          true,
        );
      }),
      { seed: 20_261_150, numRuns: 100 },
    );
  });

  it('answers raw requests with odd targets, header lines and bodies with a status below 500', async () => {
    const tokenChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&*+.^`|~');
    const headerLine = fc
      .tuple(fc.string({ unit: tokenChars, minLength: 1, maxLength: 12 }), fc.string({ maxLength: 30 }))
      .map(([name, text]) => `${name}: ${text}`);
    // Origin-form and absolute-form targets, parseable or not (`http://[::1` answered 500 once).
    const target = fc.oneof(
      fc.constantFrom(
        '/webhook',
        '/webhook/',
        '/webhook?x=1',
        '/webhook#x',
        '//webhook',
        '/%2e%2e/webhook',
        '/webhook?%zz',
        '/_smsgw/stats',
        '/_smsgw/nope',
        '*',
      ),
      fc.constantFrom(
        'http://127.0.0.1/webhook',
        'http://[::1',
        'http://%zz/webhook',
        'http://:99999/webhook',
        'https://x/webhook',
      ),
      fc.string({ maxLength: 20 }).map((rest) => `http://${encodeURI(rest)}`),
      fc.string({ maxLength: 20 }).map((suffix) => `/webhook${encodeURI(suffix)}`),
    );
    const raw = fc.record({
      method: fc.constantFrom('POST', 'GET', 'PUT', 'OPTIONS', 'DELETE', 'PATCH'),
      target,
      headers: fc.array(headerLine, { maxLength: 5 }),
      body: fc.string({ unit: 'binary', maxLength: 200 }),
    });
    await withStub(true, async (stub) => {
      await fc.assert(
        fc.asyncProperty(raw, async ({ method, target: path, headers, body }) => {
          const bytes = Buffer.from(body);
          const head = [
            `${method} ${path} HTTP/1.1`,
            'Host: 127.0.0.1',
            ...headers,
            `Content-Length: ${bytes.length}`,
            'Connection: close',
            '',
            '',
          ].join('\r\n');
          const response = await new Promise<string>((resolve) => {
            const socket = net.connect(stub.port, '127.0.0.1', () =>
              socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bytes])),
            );
            let text = '';
            socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
            socket.on('error', () => resolve(text));
            socket.on('close', () => resolve(text));
          });
          expect(response).toMatch(/^HTTP\/1\.1 [1-4]\d\d /);
        }),
        { seed: 20_261_151, numRuns: 200 },
      );
    });
  });

  it('accepts a body of exactly the size limit and still serves after one over it', async () => {
    await withStub(false, async (stub) => {
      const payload = webhookPayload(1, { text: '' });
      const padding = stubDefaults.maxBodyBytes - JSON.stringify(payload).length;
      const atLimit = JSON.stringify({ ...payload, text: 'x'.repeat(padding) });
      expect(Buffer.byteLength(atLimit)).toBe(stubDefaults.maxBodyBytes);
      const headers = { 'content-type': 'application/json', 'idempotency-key': 'msg-1' };
      expect(await post(stub, atLimit, headers)).toMatchObject({ status: 200 });
      const over = await post(stub, `${atLimit} `, headers).catch((error: NodeJS.ErrnoException) => ({
        status: error.code ?? 'error',
        body: '',
      }));
      // Node may see the reset before the 413 while it is still writing the body: either way no 5xx, no crash.
      expect([413, 'ECONNRESET', 'EPIPE']).toContain(over.status);
      expect(
        await post(stub, JSON.stringify(webhookPayload(2)), { ...headers, 'idempotency-key': 'msg-2' }),
      ).toMatchObject({ status: 200 });
    });
  });
});
