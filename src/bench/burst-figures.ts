// A burst of SMS through the virtual device, end to end, delivered once to the stub on its own thread
// as a run starts it (msw, signatures checked with a scenario's default secret, the ledger on a file)
// and once to a bare node:http sink on a thread of its own, in the same bench run: the same device
// signing the same burst, the same injector. Each figure is the SMS delivered (distinct keys answered
// 2xx) per wall-clock second from the first `sms send` to the last delivery. The stub's counts are its
// own stats, the sink's a counter it shares.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultSecret } from '../scenario/defaults';
import { startStub } from '../stub/index';
import { pipelined, withDevice } from './device-figures';

export interface BurstRates {
  /** SMS/s delivered to the stub. */
  readonly stub: number;
  /** SMS/s delivered to the bare sink. */
  readonly bare: number;
}

interface Target {
  readonly url: string;
  /** Distinct keys answered 2xx so far. */
  delivered(): number;
  close(): Promise<unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads each body, answers the stub's JSON, counts each key the first time; one thread, like the stub. */
const sinkSource = `
const { workerData, parentPort } = require('node:worker_threads');
const { createServer } = require('node:http');
const delivered = new Int32Array(workerData.cells);
const seen = new Set();
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const { messageId } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const key = request.headers['idempotency-key'] ?? messageId;
    const first = !seen.has(key);
    if (first) { seen.add(key); Atomics.add(delivered, 0, 1); }
    response.writeHead(200, { 'content-type': 'application/json' }).end(first ? '{"status":"accepted"}' : '{"status":"duplicate"}');
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

async function bareSink(): Promise<Target> {
  const cells = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(cells);
  const worker = new Worker(sinkSource, { eval: true, workerData: { cells } });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    delivered: () => Atomics.load(counter, 0),
    close: () => (worker.postMessage('close'), exited),
  };
}

async function stubTarget(dir: string, name: string): Promise<Target> {
  const stub = await startStub({ port: 0, secret: defaultSecret, ledgerPath: join(dir, `${name}-ledger.sqlite`) });
  return { url: stub.url, delivered: () => stub.stats().accepted, close: () => stub.close() };
}

/** One burst of `count` into `target`: SMS delivered and the seconds from the first send to the last delivery. */
async function burstInto(
  dir: string,
  name: string,
  target: Target,
  count: number,
  deadlineMs: number,
): Promise<{ delivered: number; seconds: number }> {
  return withDevice(
    dir,
    name,
    target.url,
    async (_device, client) => {
      const started = performance.now();
      await pipelined(client, count, 256, deadlineMs);
      while (target.delivered() < count && performance.now() - started < deadlineMs) await sleep(25);
      return { delivered: target.delivered(), seconds: (performance.now() - started) / 1000 };
    },
    defaultSecret,
  );
}

/**
 * `rounds` bursts into each, in the order sink, stub, stub, sink…, so whatever drifts on the machine
 * weighs on both alike; each side's rate is its SMS delivered over its seconds, all bursts together.
 */
export async function burstRates(dir: string, count: number, rounds: number, deadlineMs: number): Promise<BurstRates> {
  const totals = { stub: { delivered: 0, seconds: 0 }, bare: { delivered: 0, seconds: 0 } };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (['bare', 'stub'] as const) : (['stub', 'bare'] as const);
    for (const kind of order) {
      const name = `burst-${kind}-${round}`;
      const target = kind === 'stub' ? await stubTarget(dir, name) : await bareSink();
      try {
        const { delivered, seconds } = await burstInto(dir, name, target, count, deadlineMs);
        if (delivered < count)
          throw new Error(`${name}: ${delivered} of ${count} SMS delivered within ${deadlineMs} ms`);
        totals[kind].delivered += delivered;
        totals[kind].seconds += seconds;
      } finally {
        await target.close();
      }
    }
  }
  return {
    stub: totals.stub.delivered / totals.stub.seconds,
    bare: totals.bare.delivered / totals.bare.seconds,
  };
}
