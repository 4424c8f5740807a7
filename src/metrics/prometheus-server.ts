// `GET /metrics` on 127.0.0.1 for a Prometheus server to scrape (`--metrics-port`). Loopback only:
// the figures name the run and the device, and nothing off this machine needs them to be reachable.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SmsgwError } from '../errors';
import { getLogger } from '../logger';
import { exposition } from './prometheus-text';

export interface MetricsEndpointOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The exposition text as of now; a scrape waits for it. */
  readonly render: () => string | Promise<string>;
  /** The flag a taken port is blamed on, for the hint. */
  readonly flag?: string;
}

export interface MetricsEndpoint {
  readonly port: number;
  /** `http://127.0.0.1:<port>/metrics` */
  readonly url: string;
  /** Scrapes answered so far. */
  readonly scrapes: number;
  /**
   * Resolves once a scrape that began after this call has been answered (a scraper has read what is
   * current now), or after `lingerMs`, whichever is first: true when scraped. 0 does not wait.
   */
  nextScrape(lingerMs: number): Promise<boolean>;
  close(): Promise<void>;
}

const log = getLogger('metrics');

/** Listens on 127.0.0.1:`port`; a taken port is `port-unavailable` (exit 3), said in one line. */
function listen(server: ReturnType<typeof createServer>, port: number, flag: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new SmsgwError(
              'port-unavailable',
              `Metrics port ${port} on 127.0.0.1 ${error.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges smsgw does not have'}: pick another with ${flag}, or ${flag} 0 for a free one`,
              { cause: error },
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

class Endpoint implements MetricsEndpoint {
  /** Scrapes answered so far. */
  scrapes = 0;
  /** Scrapes begun so far: each is numbered as it begins, so a waiter knows which began after it asked. */
  started = 0;
  private readonly waiters: { readonly after: number; resolve: (scraped: boolean) => void }[] = [];
  private closed: Promise<void> | null = null;

  constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/metrics`;
  }

  /** Called once scrape number `number` is answered: wakes whoever waits for a scrape begun after they asked. */
  answered(number: number): void {
    this.scrapes += 1;
    for (const waiter of [...this.waiters])
      if (number >= waiter.after) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(true);
      }
  }

  async nextScrape(lingerMs: number): Promise<boolean> {
    if (lingerMs <= 0 || this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const waiter = { after: this.started + 1, resolve: (_scraped: boolean): void => undefined };
    const scraped = new Promise<boolean>((resolve) => (waiter.resolve = resolve));
    this.waiters.push(waiter);
    const lingered = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), lingerMs)));
    try {
      return await Promise.race([scraped, lingered]);
    } finally {
      clearTimeout(timer);
      if (this.waiters.includes(waiter)) this.waiters.splice(this.waiters.indexOf(waiter), 1);
    }
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
    return this.closed;
  }
}

async function answer(
  endpoint: Endpoint,
  render: MetricsEndpointOptions['render'],
  request: IncomingMessage,
  response: ServerResponse,
) {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: try GET /metrics\n');
    return;
  }
  endpoint.started += 1;
  const number = endpoint.started;
  let body: string;
  try {
    body = await render();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn('metrics not rendered', { error: message });
    response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
    return;
  }
  response.writeHead(200, { 'Content-Type': exposition, 'Content-Length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body, () => endpoint.answered(number));
}

/** Serves `GET /metrics` on 127.0.0.1; rejects with `port-unavailable` when the port is taken. */
export async function serveMetrics(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  let endpoint: Endpoint | null = null;
  const server = createServer((request, response) => {
    if (endpoint) void answer(endpoint, options.render, request, response);
  });
  await listen(server, options.port, options.flag ?? '--metrics-port');
  endpoint = new Endpoint(server, (server.address() as AddressInfo).port);
  return endpoint;
}
