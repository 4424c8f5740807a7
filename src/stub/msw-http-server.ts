import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getResponse, HttpHandler, HttpResponse, type RequestHandler } from 'msw';
import { SmsgwError } from '../errors';
import { getLogger, logCaught } from '../logger';
import { stubDefaults } from './defaults';
import { connectionSignal, readBody, toFetchRequest, writeFetchResponse } from './fetch-bridge';

export interface MswHttpServerOptions {
  readonly handlers: readonly RequestHandler[];
  /** Bodies above this are answered 413. Default `stubDefaults.maxBodyBytes`. */
  readonly maxBodyBytes?: number;
  /** Errors a handler throws (answered 500) and server errors after listening. Default: the stub's logger. */
  readonly onError?: (error: unknown) => void;
  /**
   * A request refused before any handler saw it: too big (413), or not parseable HTTP (400). Epoch ms:
   * `answeredAt` is when the refusal was handed to node:http.
   */
  readonly onRefused?: (refusal: {
    readonly status: 400 | 413;
    readonly reason: string;
    readonly arrivedAt: number;
    readonly answeredAt: number;
  }) => void;
  /**
   * A handler's response was handed to node:http whole, at `writtenAt` (epoch ms): after everything the
   * handler waited for. Not called for a connection reset, nor when the client went first.
   */
  readonly onWritten?: (response: Response, writtenAt: number) => void;
}

/** msw handlers served by a plain `node:http` server, through msw's `getResponse`. */
export interface MswHttpServer {
  /** Listens (again) and resolves with the bound port; a taken port is `SmsgwError('port-unavailable')`. */
  listen(port: number, host: string): Promise<number>;
  /** Stops listening and drops every open connection: clients get ECONNREFUSED until `listen` again. */
  stopListening(): Promise<void>;
  readonly listening: boolean;
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

export function createMswHttpServer(options: MswHttpServerOptions): MswHttpServer {
  return new NodeMswServer(options);
}

type Refusal = Parameters<NonNullable<MswHttpServerOptions['onRefused']>>[0];

class NodeMswServer implements MswHttpServer {
  private readonly server: Server;
  private readonly handlersFor: (method: string) => RequestHandler[];
  private readonly maxBodyBytes: number;
  private readonly onError: (error: unknown) => void;
  /** The base URL msw resolves request paths against; `listen` sets it to the bound address. */
  private origin = 'http://127.0.0.1';

  constructor(private readonly options: MswHttpServerOptions) {
    this.handlersFor = handlersByMethod(options.handlers);
    this.maxBodyBytes = options.maxBodyBytes ?? stubDefaults.maxBodyBytes;
    this.onError = options.onError ?? logCaught(getLogger('stub'), 'the stub server failed');
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.onError(error);
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      });
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.refuseUnparsed(error, socket));
    // Listen errors are rejected by `listen`; only errors of a listening server are reported.
    this.server.on('error', (error) => {
      if (this.server.listening) this.onError(error);
    });
  }

  get listening(): boolean {
    return this.server.listening;
  }

  listen(port: number, host: string): Promise<number> {
    const { server } = this;
    return new Promise((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) => {
        server.off('listening', done);
        reject(listenError(error, port, host));
      };
      const done = () => {
        server.off('error', fail);
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        this.origin = `http://${urlHost(host)}:${bound}`;
        resolve(bound);
      };
      server.once('error', fail).once('listening', done).listen(port, host);
    });
  }

  stopListening(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    // Aborts the handler's `request.signal` when the connection goes before the response is written.
    const signal = connectionSignal(res);
    // A client that vanishes mid-body rejects here; nobody is left to answer.
    const body = await readBody(req, this.maxBodyBytes).catch(() => undefined);
    if (body === undefined) return;
    if (body === null)
      return this.refuse(res, { status: 413, reason: `body over ${this.maxBodyBytes} bytes`, arrivedAt });
    let request: Request;
    try {
      request = toFetchRequest(req, this.origin, body, signal);
    } catch {
      // An absolute-form target that is no URL (`POST http://[::1 HTTP/1.1`).
      const target = JSON.stringify((req.url ?? '').slice(0, 60));
      return this.refuse(res, { status: 400, reason: `request target is not a URL: ${target}`, arrivedAt });
    }
    const response =
      (await getResponse(this.handlersFor(request.method), request, { baseUrl: this.origin })) ??
      HttpResponse.json({ error: `no route for ${req.method} ${req.url}` }, { status: 404 });
    const writtenAt = await writeFetchResponse(res, response);
    if (writtenAt !== null) this.options.onWritten?.(response, writtenAt);
  }

  private refuse(res: ServerResponse, refusal: Omit<Refusal, 'answeredAt'>): void {
    const { status, reason } = refusal;
    res
      .writeHead(status, { 'content-type': 'application/json', connection: 'close' })
      .end(JSON.stringify({ status: 'rejected', reason }));
    this.options.onRefused?.({ ...refusal, answeredAt: Date.now() });
  }

  /**
   * Node's parser refused the request (bad chunking, two Content-Lengths, a garbage request line):
   * answered like any other bad request, with a JSON reason, and counted.
   */
  private refuseUnparsed(error: NodeJS.ErrnoException, socket: Duplex): void {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const reason = `malformed HTTP request (${error.code ?? error.message})`;
    const arrivedAt = Date.now();
    const body = JSON.stringify({ status: 'rejected', reason });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    this.options.onRefused?.({ status: 400, reason, arrivedAt, answeredAt: Date.now() });
  }
}

/**
 * The handlers that could answer a method, in their order; msw still matches and runs them. msw
 * parses the URL, compiles the path and reads cookies for every handler it tries, so a webhook POST
 * should not pay for the control GETs (that showed in the stub's CPU profile under load).
 */
function handlersByMethod(handlers: readonly RequestHandler[]): (method: string) => RequestHandler[] {
  const byMethod = new Map<string, RequestHandler[]>();
  const mayAnswer = (handler: RequestHandler, method: string): boolean => {
    if (!(handler instanceof HttpHandler)) return true;
    const wanted = handler.info.method;
    return wanted instanceof RegExp ? wanted.test(method) : wanted.toUpperCase() === method.toUpperCase();
  };
  return (method) => {
    let list = byMethod.get(method);
    if (list === undefined) {
      list = handlers.filter((handler) => mayAnswer(handler, method));
      byMethod.set(method, list);
    }
    return list;
  };
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
    const why = error.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges smsgw does not have';
    return new SmsgwError('port-unavailable', `Port ${port} on ${host} ${why}`, {
      hint: 'pick another with --port, or --port 0 for a free one',
      cause: error,
    });
  }
  return new SmsgwError('stub-unavailable', `The stub server could not listen on ${host}:${port}: ${error.message}`, {
    cause: error,
  });
}
