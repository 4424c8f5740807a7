// How many webhooks per wall-clock second the stub answers on its own thread, as a run starts it (msw's
// handler run, the ledger on a file), with and without signatures, against a bare node:http server
// answering the same JSON. The servers run in a child process, each with a core to itself while
// autocannon drives it from this one (2 cores: one for the load, one for the server); the rounds
// alternate, so a change in the machine's load weighs on every server alike. Beside each rate, the CPU
// each request cost the child: msw's price is the stub's figure less the bare server's.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { defaultSecret } from '../scenario/defaults';
import { signWebhook, startStub, type ThreadStub } from '../stub/index';

export interface CapacityOptions {
  readonly connections: number;
  /** Autocannon time given to each server, split over the rounds. */
  readonly durationSeconds: number;
  /** Folder of the stubs' ledger files, on the same disk as a real run's. */
  readonly dir: string;
  /** Alternating rounds of bare, stub, signed stub. Default 2. */
  readonly rounds?: number;
  /**
   * Load given to each server first and not counted, seconds. Default 2. The first seconds of a fresh
   * process are V8 compiling the request path: counted, they swung the stub's figure by half between
   * identical runs.
   */
  readonly warmUpSeconds?: number;
}

export type ServerKind = 'bare' | 'stub' | 'signed';

export interface ServerCapacity {
  /** Requests answered 2xx per wall-clock second. */
  readonly perSecond: number;
  /** CPU time of the server's process per request answered, µs. */
  readonly cpuMicrosPerRequest: number;
}

export type Capacity = Record<ServerKind, ServerCapacity>;

/** The signed stub's secret, a scenario's default: its requests carry `X-Signature` as the gateway signs them. */
const secret = defaultSecret;
const kinds: readonly ServerKind[] = ['bare', 'stub', 'signed'];

type ChildMessage = { kind: 'ready'; urls: Record<ServerKind, string> } | { kind: 'cpu'; micros: number };

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

/** Requests answered 2xx in `seconds` of autocannon, and the seconds it ran. */
export async function drive(
  url: string,
  connections: number,
  seconds: number,
  signed: boolean,
): Promise<{ answered: number; seconds: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        // A fresh messageId per request, so the stub does its full first-acceptance path, ledger included;
        // signed afresh, as the gateway signs each attempt, so no request is a replay.
        setupRequest: (request: autocannon.Request) => {
          const messageId = `bench-${++counter}`;
          const body = webhookBody(messageId);
          const timestamp = String(Date.now());
          const signature = signed
            ? { 'x-timestamp': timestamp, 'x-signature': signWebhook(secret, timestamp, body) }
            : {};
          return {
            ...request,
            body,
            headers: { 'content-type': 'application/json', 'idempotency-key': messageId, ...signature },
          };
        },
      },
    ],
  });
  return { answered: result['2xx'], seconds: result.duration };
}

/** Starts the capacity child; `execArgv` adds Node options (`--cpu-prof`). */
export function forkServers(dir: string, execArgv: readonly string[] = []): ChildProcess {
  return fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, SMSGW_BENCH_DIR: dir },
  });
}

export async function stubCapacity(options: CapacityOptions): Promise<Capacity> {
  const rounds = options.rounds ?? 2;
  const seconds = Math.max(1, Math.round(options.durationSeconds / rounds));
  const child = forkServers(options.dir);
  try {
    const next = messages(child);
    const ready = await next();
    if (ready.kind !== 'ready') throw new Error('the capacity servers did not start');
    const warmUp = options.warmUpSeconds ?? 2;
    if (warmUp > 0) {
      for (const kind of kinds) await drive(ready.urls[kind], options.connections, warmUp, kind === 'signed');
    }
    const totals = Object.fromEntries(kinds.map((kind) => [kind, { answered: 0, seconds: 0, micros: 0 }]));
    for (let round = 0; round < rounds; round += 1) {
      // Each round in the other order: whatever drifts weighs on the first and the last alike.
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        child.send({ kind: 'start' });
        const driven = await drive(ready.urls[kind], options.connections, seconds, kind === 'signed');
        child.send({ kind: 'stop' });
        const cpu = await next();
        const total = totals[kind]!;
        total.answered += driven.answered;
        total.seconds += driven.seconds;
        total.micros += cpu.kind === 'cpu' ? cpu.micros : Number.NaN;
      }
    }
    const capacityOf = (kind: ServerKind): ServerCapacity => {
      const { answered, seconds: ran, micros } = totals[kind]!;
      return { perSecond: answered / ran, cpuMicrosPerRequest: micros / answered };
    };
    return { bare: capacityOf('bare'), stub: capacityOf('stub'), signed: capacityOf('signed') };
  } finally {
    child.kill();
  }
}

/** Messages from the child, one at a time, in order. */
export function messages(child: ChildProcess): () => Promise<ChildMessage> {
  const queue: ChildMessage[] = [];
  const waiting: { resolve: (message: ChildMessage) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | null = null;
  child.on('message', (message: ChildMessage) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  child.once('exit', (code) => {
    exited = new Error(`the capacity servers exited (${code})`);
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  return () => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    if (exited) return Promise.reject(exited);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

/** The fair baseline: reads the whole body, parses it, answers the stub's JSON, as any webhook receiver must. */
function bareWebhookServer(): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
}

/** The child: the three servers, and the CPU it spent between each `start` and `stop`. */
async function serve(): Promise<void> {
  const dir = process.env.SMSGW_BENCH_DIR!;
  const bare = bareWebhookServer();
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const stubs: ThreadStub[] = [
    await startStub({ port: 0, secret: null, ledgerPath: join(dir, `stub-ledger-${process.pid}.sqlite`) }),
    await startStub({ port: 0, secret, ledgerPath: join(dir, `signed-ledger-${process.pid}.sqlite`) }),
  ];
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
    void Promise.all(stubs.map((stub) => stub.close())).then(() => process.exit(0));
  });
  const [stub, signed] = stubs;
  process.send!({
    kind: 'ready',
    urls: {
      bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/webhook`,
      stub: stub!.url,
      signed: signed!.url,
    },
  } satisfies ChildMessage);
}

if (process.argv.includes('--serve') && process.argv[1] === fileURLToPath(import.meta.url)) await serve();
