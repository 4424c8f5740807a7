// How many webhook requests the stub answers per second of CPU through its msw path, against a bare
// node:http server doing the least any webhook receiver does. Both run in a child process and are
// driven by autocannon from this one; each side's figure is its requests over the CPU time it spent.
// CPU time, not wall time: on a machine shared with other jobs, wall-clock throughput swung 5× between
// identical runs while CPU per request held within ~20%. Requests per CPU-second is also
// what the stub could serve with a core to itself, the figure `smsgw run` compares a scenario's rate with.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startStub } from '../stub/index';

export interface CapacityOptions {
  readonly connections: number;
  /** Autocannon time given to each side, split over the rounds. */
  readonly durationSeconds: number;
  /** The stub's ledger file, on the same disk as a real run's; default in memory. */
  readonly ledgerPath?: string;
  /** Alternating rounds of bare then stub, so drift in the machine's load weighs on both. Default 2. */
  readonly rounds?: number;
  /**
   * Load given to each server first and not counted, seconds. Default 2. The first seconds of a fresh
   * process are V8 compiling the request path: counted, they swung the stub's figure by half between
   * identical runs.
   */
  readonly warmUpSeconds?: number;
}

export interface Capacity {
  /** Stub requests answered 2xx per CPU-second of the server process. */
  readonly stub: number;
  /** The same for the bare server. */
  readonly bare: number;
}

type ServerKind = 'bare' | 'stub';
type ChildMessage = { kind: 'ready'; bareUrl: string; stubUrl: string } | { kind: 'cpu'; micros: number };

let counter = 0;
const webhookBody = (messageId: string): string =>
  JSON.stringify({
    messageId,
    from: '+15551234',
    text: 'Your code is 123456',
    receivedAt: new Date().toISOString(),
    simSlot: 0,
    parts: 1,
    deviceId: 'bench',
    seq: counter,
  });

/** Requests answered 2xx in `seconds` of autocannon. */
async function drive(url: string, connections: number, seconds: number): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        // A fresh messageId per request, so the stub does its full first-acceptance path, ledger included.
        setupRequest: (request: autocannon.Request) => {
          const messageId = `bench-${++counter}`;
          return {
            ...request,
            body: webhookBody(messageId),
            headers: { 'content-type': 'application/json', 'idempotency-key': messageId },
          };
        },
      },
    ],
  });
  return result['2xx'];
}

export async function stubCapacity(options: CapacityOptions): Promise<Capacity> {
  const rounds = options.rounds ?? 2;
  const seconds = Math.max(1, Math.round(options.durationSeconds / rounds));
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SMSGW_LEDGER: options.ledgerPath ?? '' },
  });
  try {
    const next = messages(child);
    const ready = await next();
    if (ready.kind !== 'ready') throw new Error('the capacity server did not start');
    const warmUp = options.warmUpSeconds ?? 2;
    if (warmUp > 0) {
      for (const url of [ready.bareUrl, ready.stubUrl]) await drive(url, options.connections, warmUp);
    }
    const totals = { bare: { requests: 0, micros: 0 }, stub: { requests: 0, micros: 0 } };
    for (let round = 0; round < rounds; round += 1) {
      for (const kind of ['bare', 'stub'] as const) {
        child.send({ kind: 'start' });
        const requests = await drive(kind === 'bare' ? ready.bareUrl : ready.stubUrl, options.connections, seconds);
        child.send({ kind: 'stop' });
        const cpu = await next();
        totals[kind].requests += requests;
        totals[kind].micros += cpu.kind === 'cpu' ? cpu.micros : Number.NaN;
      }
    }
    const perCpuSecond = (kind: ServerKind) => totals[kind].requests / (totals[kind].micros / 1e6);
    return { stub: perCpuSecond('stub'), bare: perCpuSecond('bare') };
  } finally {
    child.kill();
  }
}

/** Messages from the child, one at a time, in order. */
function messages(child: ChildProcess): () => Promise<ChildMessage> {
  const queue: ChildMessage[] = [];
  const waiting: { resolve: (message: ChildMessage) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | null = null;
  child.on('message', (message: ChildMessage) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  child.once('exit', (code) => {
    exited = new Error(`the capacity server exited (${code})`);
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  return () => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    if (exited) return Promise.reject(exited);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

/** The fair baseline: reads the whole body, parses it, answers JSON, as any webhook receiver must. */
function bareWebhookServer(): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { messageId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messageId: string };
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'accepted', messageId }));
    });
  });
}

/** The child: both servers, and the CPU it spent between each `start` and `stop`. */
async function serve(): Promise<void> {
  const bare = bareWebhookServer();
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const ledgerPath = process.env.SMSGW_LEDGER;
  const stub = await startStub({ port: 0, secret: null, ...(ledgerPath ? { ledgerPath } : {}) });
  let startedAt = process.cpuUsage();
  process.on('message', (message: { kind: 'start' | 'stop' }) => {
    if (message.kind === 'start') startedAt = process.cpuUsage();
    else {
      const used = process.cpuUsage(startedAt);
      process.send!({ kind: 'cpu', micros: used.user + used.system } satisfies ChildMessage);
    }
  });
  process.on('disconnect', () => {
    bare.close();
    void stub.close().then(() => process.exit(0));
  });
  process.send!({
    kind: 'ready',
    bareUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/webhook`,
    stubUrl: stub.url,
  } satisfies ChildMessage);
}

if (process.argv.includes('--serve') && process.argv[1] === fileURLToPath(import.meta.url)) await serve();
