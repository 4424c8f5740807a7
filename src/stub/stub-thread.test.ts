// The stub on its own thread: it answers while the harness's thread is busy, its thread ends with
// close(), a thread that ends unasked is an environment error rather than a hang, and what cannot be
// loaded there is bad input before it listens.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode, SmsgwError } from '../errors';
import { postForTest } from '../../test/support/post-webhook';
import { tempDir } from '../../test/support/run-cli';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';
import { startStub, type ThreadStub } from './stub-thread';

const stubs: ThreadStub[] = [];
const clients: Worker[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.terminate()));
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

const handlersFile = (name: string): string =>
  fileURLToPath(new URL(`../../test/support/fixtures/stub-handlers/${name}.ts`, import.meta.url));

/** Posts webhooks to `url` one after another, from a thread of its own, until terminated. */
function startClient(url: string): Worker {
  const source = `
    const { workerData } = require('node:worker_threads');
    (async () => {
      for (let n = 1; ; n += 1) {
        const messageId = 'busy-' + n;
        const body = JSON.stringify({ messageId, from: '+15550101', text: 'hello ' + n, receivedAt: new Date().toISOString(), simSlot: 0, parts: 1, deviceId: 'client', seq: n });
        await fetch(workerData.url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': messageId } })
          .then((response) => response.arrayBuffer())
          .catch(() => undefined);
      }
    })();
  `;
  const client = new Worker(source, { eval: true, workerData: { url } });
  clients.push(client);
  return client;
}

/** Keeps this thread busy, answering nothing, for `ms`. */
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const activeWorkers = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'MessagePort').length;

describe('the stub on its own thread', () => {
  it('answers requests while the thread that started it is busy', async () => {
    const stub = await startStub();
    stubs.push(stub);
    expect(stub.threadId).not.toBe(threadId);
    startClient(stub.url);
    await vi.waitFor(() => expect(stub.stats().requests).toBeGreaterThanOrEqual(5), { timeout: 30_000 });
    const before = stub.stats().requests;
    busyWait(300);
    // Read without giving this thread's event loop a turn: only another thread can have answered them.
    const after = stub.stats().requests;
    expect(after).toBeGreaterThan(before);
    const stats = stub.stats();
    expect([stats.accepted, stats.rejected4xx]).toEqual([stats.requests, 0]);
  });

  it('ends its thread when closed, and keeps its stats readable', async () => {
    const idle = activeWorkers();
    const stub = await startStub();
    expect(stub.threadId).toBeGreaterThan(0);
    expect(activeWorkers()).toBe(idle + 1);
    const { body, headers } = webhookRequest(webhookPayload(1));
    expect(await postForTest(stub.url, body, headers)).toMatchObject({ kind: 'response', status: 200 });
    await stub.close();
    expect(stub.threadId).toBe(-1);
    expect(activeWorkers()).toBe(idle);
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 1 });
    expect(await postForTest(stub.url, body, headers)).toEqual({ kind: 'error', code: 'ECONNREFUSED' });
    // Closing twice is closing once.
    await stub.close();
  });

  it('reports a thread that ends unasked as stub-unavailable (exit 3), and still closes', async () => {
    const onCrash = vi.fn();
    const stub = await startStub({ handlersFile: handlersFile('crashes') }, { onCrash });
    stubs.push(stub);
    const { body, headers } = webhookRequest(webhookPayload(1));
    expect(await postForTest(stub.url, body, headers)).toMatchObject({ kind: 'response', status: 200 });
    await vi.waitFor(() => expect(onCrash).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const error = onCrash.mock.calls[0]![0] as SmsgwError;
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.message).toBe("The stub's thread stopped unasked: a timer of the handler threw");
    // Nobody is left to answer: the calls return what the thread left, at once.
    expect(stub.stats()).toMatchObject({ requests: 1, accepted: 1 });
    stub.ledger.flush();
    stub.startFaultClock();
    await stub.close();
    expect(stub.threadId).toBe(-1);
  });

  it('refuses a handlers module that does not parse, naming its file and line, before it listens', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, "import { http } from 'msw';\n\nexport const handlers = [http.post('/webhook', () => ,)];\n");
    const idle = activeWorkers();
    const error = await startStub({ handlersFile: broken, handlersErrorCode: 'bad-scenario' })
      .catch((caught: unknown) => caught)
      .finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(error).toBeInstanceOf(SmsgwError);
    expect(error).toMatchObject({ code: 'bad-scenario', exitCode: ExitCode.badInput });
    expect((error as SmsgwError).message).toMatch(new RegExp(`^${broken.replace(/[.]/g, '\\.')}:3:\\d+: syntax error`));
    expect(activeWorkers()).toBe(idle);
  });

  it('fails to start with port-unavailable on a taken port, and leaves no thread behind', async () => {
    const first = await startStub();
    stubs.push(first);
    const idle = activeWorkers();
    const error = await startStub({ port: first.port }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'port-unavailable', hint: expect.stringContaining('--port') });
    expect(activeWorkers()).toBe(idle);
  });
});
