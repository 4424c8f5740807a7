import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRequest, Random } from '../../../android-app/src/engine/ports';
import { normalLink, type LinkState } from '../../scenario/link-profiles';
import { createNodeHttpTransport } from './node-http-transport';
import { requestBytes, responseBytes, ShapedTransport, type LinkClock } from './shaped-transport';

/** The link's waits, recorded instead of slept; the clock moves only when the test says. */
class RecordingClock implements LinkClock {
  readonly waits: number[] = [];
  at = 0;
  now(): number {
    return this.at;
  }
  async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
  }
}

/** Draws these numbers in turn, then the last one again. */
const draws = (...values: number[]): Random => ({ next: () => (values.length > 1 ? values.shift()! : values[0]!) });

const servers: Server[] = [];
const transports: { close(): void }[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A webhook that keeps each body it got, in order, and answers 200 with `answer`. */
async function webhook(answer = 'ok'): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'text/plain' }).end(answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

function shaped(link: Partial<LinkState>, random: Random = draws(0.5)) {
  const inner = createNodeHttpTransport();
  transports.push(inner);
  const clock = new RecordingClock();
  const transport = new ShapedTransport(inner, random, clock);
  transport.set({ ...normalLink, ...link });
  return { transport, clock };
}

const post = (url: string, body: string, timeoutMs = 15_000): HttpRequest => ({
  url,
  headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
  body,
  timeoutMs,
});

describe("the virtual phone's mobile link", () => {
  it('passes requests straight through at full speed and no delay, waiting nothing', async () => {
    const hook = await webhook();
    const { transport, clock } = shaped({});
    const result = await transport.post(post(hook.url, 'a'));
    expect(result).toMatchObject({ kind: 'response', status: 200, body: 'ok' });
    expect(hook.bodies).toEqual(['a']);
    expect(clock.waits).toEqual([]);
  });

  it("adds a latency drawn in the profile's range before each request, with the app's seeded draws", async () => {
    const hook = await webhook();
    // umts: 35 to 200 ms.
    const { transport, clock } = shaped({ delay: { minMs: 35, maxMs: 200 } }, draws(0, 0.5, 0.999));
    for (const body of ['a', 'b', 'c']) await transport.post(post(hook.url, body));
    expect(hook.bodies).toEqual(['a', 'b', 'c']);
    expect(clock.waits.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([35, 117.5, 199.835]);
  });

  it('sends the bytes of concurrent requests one after another through one uplink, at the profile rate', async () => {
    const hook = await webhook();
    // gsm up: 14.4 kbit/s, 14.4 bits a ms; down unlimited.
    const { transport, clock } = shaped({ speed: { upKbps: 14.4, downKbps: 0 } });
    const small = post(hook.url, 'x');
    const large = post(hook.url, 'y'.repeat(1000));
    await Promise.all([transport.post(small), transport.post(large)]);
    const first = (requestBytes(small) * 8) / 14.4;
    // The second waits for the first's bytes, then for its own.
    expect(clock.waits).toEqual([first, first + (requestBytes(large) * 8) / 14.4]);
    // The same headers: the body is what differs.
    expect(requestBytes(large) - requestBytes(small)).toBe(999);
    expect(hook.bodies.sort()).toEqual(['x', 'y'.repeat(1000)]);
  });

  it("brings the answer's bytes down at the downlink rate, after the server has the request", async () => {
    const answer = 'z'.repeat(500);
    const hook = await webhook(answer);
    const { transport, clock } = shaped({ speed: { upKbps: 0, downKbps: 57.6 } });
    const result = await transport.post(post(hook.url, 'a'));
    expect(hook.bodies).toEqual(['a']);
    if (result.kind !== 'response') throw new Error(`expected an answer, got ${JSON.stringify(result)}`);
    expect(result.body).toBe(answer);
    expect(clock.waits).toEqual([(responseBytes(result) * 8) / 57.6]);
    expect(responseBytes(result)).toBeGreaterThan(500);
  });

  it('times out, without sending it, a request whose time on the link passes its timeout', async () => {
    const hook = await webhook();
    const { transport, clock } = shaped({ delay: { minMs: 500, maxMs: 500 } });
    const result = await transport.post(post(hook.url, 'a', 100));
    expect(result).toMatchObject({ kind: 'network-error', code: 'ETIMEDOUT' });
    expect(hook.bodies).toEqual([]);
    expect(clock.waits).toEqual([100]);
  });

  it('takes a new link for the requests after the change, and none for those before', async () => {
    const hook = await webhook();
    const { transport, clock } = shaped({ delay: { minMs: 80, maxMs: 80 } });
    await transport.post(post(hook.url, 'slow'));
    transport.set(normalLink);
    await transport.post(post(hook.url, 'fast'));
    expect(clock.waits).toEqual([80]);
    expect(hook.bodies).toEqual(['slow', 'fast']);
  });
  it('fails a request still waiting on the link when mobile data goes off, before the server has it', async () => {
    const hook = await webhook();
    const inner = createNodeHttpTransport();
    transports.push(inner);
    let transport: ShapedTransport | null = null;
    const clock: LinkClock = {
      now: () => 0,
      // Mobile data goes off while the request's bytes wait for the uplink.
      sleep: async () => transport?.set({ ...normalLink, data: 'unregistered' }),
    };
    transport = new ShapedTransport(inner, draws(0.5), clock);
    transport.set({ ...normalLink, speed: { upKbps: 14.4, downKbps: 0 } });
    const result = await transport.post(post(hook.url, 'a'));
    expect(result).toMatchObject({ kind: 'network-error', code: 'ECONNRESET' });
    expect(hook.bodies).toEqual([]);
  });
});
