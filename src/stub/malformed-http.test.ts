import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StubServer } from './start-stub';
import { startStub } from './stub-thread';
import { stubDefaults } from './defaults';

const stubs: StubServer[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

/** Sends raw bytes and returns the raw response: the request line itself is what is under test. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')));
    socket.on('error', () => resolve(response));
    socket.on('close', () => resolve(response));
  });
}

describe('the stub on a malformed HTTP request', () => {
  // Found by fuzzing: `new URL(target, origin)` in toFetchRequest threw, and the server answered 500.
  it.each(['http://[::1', 'http://%zz/webhook', 'http://:99999/webhook'])(
    'answers an unparseable absolute-form target %s with 400, not 500',
    async (target) => {
      const stub = await startStub();
      stubs.push(stub);
      const response = await rawExchange(
        stub.port,
        `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(response).toMatch(/^HTTP\/1\.1 400 /);
      expect(response).toMatch(/"reason":"[^"]+"/);
      expect(stub.stats()).toMatchObject({ requests: 1, rejected4xx: 1 });
    },
  );

  // Found by fuzzing: the 413 had no body and the request never reached the ledger.
  it('answers a body over the limit with 413, a JSON reason, and counts it', async () => {
    const stub = await startStub();
    stubs.push(stub);
    const body = 'x'.repeat(stubDefaults.maxBodyBytes + 1);
    const response = await rawExchange(
      stub.port,
      `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/content-type: application\/json/i);
    expect(response).toMatch(/"reason":"[^"]+"/);
    expect(stub.stats()).toMatchObject({ requests: 1, rejected4xx: 1 });
  });

  it('answers what Node cannot parse as HTTP with a JSON 400, counted, and keeps serving', async () => {
    const stub = await startStub();
    stubs.push(stub);
    const response = await rawExchange(
      stub.port,
      'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    );
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(response).toMatch(/"reason":"malformed HTTP request/);
    expect(stub.stats()).toMatchObject({ requests: 1, rejected4xx: 1 });
    const next = await fetch(stub.url, { method: 'POST', body: '{' });
    expect(next.status).toBe(400);
    expect(stub.stats()).toMatchObject({ requests: 2, rejected4xx: 2 });
  });
});
