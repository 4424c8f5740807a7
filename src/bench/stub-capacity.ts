// How many webhook requests per second the stub answers through its msw path, against a bare
// node:http server, both driven by autocannon at the same concurrency for the same time.
import autocannon from 'autocannon';
import { startStub } from '../stub/index';
import { bareHttpServer, listen } from './machine-limits';

export interface CapacityOptions {
  readonly connections: number;
  readonly durationSeconds: number;
}

let counter = 0;
const webhookBody = (): string =>
  JSON.stringify({ messageId: `bench-${++counter}`, from: '+15551234', text: 'Your code is 123456', receivedAt: new Date().toISOString(), simSlot: 0, parts: 1, deviceId: 'bench', seq: counter });

async function requestsPerSecond(url: string, options: CapacityOptions): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        // A fresh messageId per request, so the stub does its full first-acceptance path, ledger included.
        setupRequest: (request: autocannon.Request) => {
          const body = webhookBody();
          const messageId = (JSON.parse(body) as { messageId: string }).messageId;
          return { ...request, body, headers: { 'content-type': 'application/json', 'idempotency-key': messageId } };
        },
      },
    ],
  });
  return result.requests.average;
}

export async function stubCapacity(options: CapacityOptions): Promise<{ stub: number; bare: number }> {
  const bare = bareHttpServer();
  const port = await listen(bare);
  const bareRate = await requestsPerSecond(`http://127.0.0.1:${port}/webhook`, options);
  bare.closeAllConnections();
  bare.close();
  const stub = await startStub({ port: 0, secret: null });
  try {
    return { stub: await requestsPerSecond(stub.url, options), bare: bareRate };
  } finally {
    await stub.close();
  }
}
