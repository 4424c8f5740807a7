import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { getResponse, HttpHandler, HttpResponse, type RequestHandler } from 'msw';
import { SmsgwError } from '../errors';
import { getLogger, logCaught } from '../logger';
import { stubDefaults } from './defaults';
import { connectionSignal, readBody, toFetchRequest, writeFetchResponse } from './fetch-bridge';

/** One request the handlers saw, and what came of it: what the ledger records. */
export interface Exchange {
  /** The Fetch Request the handlers were given (its body read by whoever read it). */
  readonly request: Request;
  /** The request target as received, e.g. `/webhook`. */
  readonly target: string;
  /** The body's bytes, read by the server before any handler; null for GET and HEAD. */
  readonly body: Buffer | null;
  /** Epoch ms, when the body was read and the request went to the handlers. */
  readonly arrivedAt: number;
  /** From arrival to the handlers' answer, ms. */
  readonly durationMs: number;
  /** What the handlers answered; null when none did (answered 404) or one threw. */
  readonly response: Response | null;
  /** A handler threw: answered 500. */
  readonly threw: boolean;
  /** Epoch ms, when the answer was handed to node:http whole; null when nothing was (a reset, the client gone). */
  readonly writtenAt: number | null;
}

export interface MswHttpServerOptions {
  readonly handlers: readonly RequestHandler[];
  /** Bodies above this are answered 413. Default `stubDefaults.maxBodyBytes`. */
  readonly maxBodyBytes?: number;
  /** Server errors after listening, and answers that could not be written. Default: the stub's logger. */
  readonly onError?: (error: unknown) => void;
  /** A handler threw on `request` (answered 500). Default: one line on the stub's logger. */
  readonly onHandlerError?: (error: unknown, request: Request) => void;
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
  /** Every request that went to the handlers, once its answer was written (or could not be). */
  readonly onExchange?: (exchange: Exchange) => void;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /**
   * A TLS handshake that did not complete (`tlsClientError`): the client refused the certificate, or
   * spoke plain HTTP. `reason` is the error's code.
   */
  readonly onTlsRefused?: (refusal: { readonly at: number; readonly reason: string }) => void;
}

/** msw handlers served by a plain `node:http` (or `node:https`) server, through msw's `getResponse`. */
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

const describeRequest = (request: Request): string => `${request.method} ${new URL(request.url).pathname}`;

class NodeMswServer implements MswHttpServer {
  private readonly server: Server;
  private readonly handlersFor: (method: string) => RequestHandler[];
  private readonly maxBodyBytes: number;
  private readonly onError: (error: unknown) => void;
  private readonly onHandlerError: (error: unknown, request: Request) => void;
  private readonly scheme: 'http' | 'https';
  /** TLS connections whose handshake completed: a parse error on one is an HTTP error, not a TLS one. */
  private readonly secured = new WeakSet<Duplex>();
  /** The base URL msw resolves request paths against; `listen` sets it to the bound address. */
  private origin = 'http://127.0.0.1';

  constructor(private readonly options: MswHttpServerOptions) {
    this.handlersFor = handlersByMethod(options.handlers);
    this.maxBodyBytes = options.maxBodyBytes ?? stubDefaults.maxBodyBytes;
    const logger = getLogger('stub');
    this.onError = options.onError ?? logCaught(logger, 'the stub server failed');
    this.onHandlerError =
      options.onHandlerError ??
      ((error, request) => logCaught(logger, `a handler threw on ${describeRequest(request)}, answered 500`)(error));
    this.scheme = options.tls ? 'https' : 'http';
    this.server = this.createServer();
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.refuseUnparsed(error, socket));
    // Listen errors are rejected by `listen`; only errors of a listening server are reported.
    this.server.on('error', (error) => {
      if (this.server.listening) this.onError(error);
    });
  }

  private createServer(): Server {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        this.onError(error);
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      });
    };
    const { tls } = this.options;
    if (!tls) return createServer(listener);
    const server = createHttpsServer({ key: tls.key, cert: tls.cert }, listener);
    server.on('secureConnection', (socket) => this.secured.add(socket));
    server.on('tlsClientError', (error: NodeJS.ErrnoException) =>
      this.options.onTlsRefused?.({ at: Date.now(), reason: error.code ?? error.message }),
    );
    return server;
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
        this.origin = `${this.scheme}://${urlHost(host)}:${bound}`;
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
    // Aborts the request's `signal` when the connection goes before the response is written.
    const signal = connectionSignal(res);
    // A client that vanishes mid-body rejects here; nobody is left to answer.
    const body = await readBody(req, this.maxBodyBytes).catch(() => undefined);
    if (body === undefined) return;
    const arrivedAt = Date.now();
    const startedAt = performance.now();
    if (body === null)
      return this.refuse(res, { status: 413, reason: `body over ${this.maxBodyBytes} bytes`, arrivedAt });
    let request: Request;
    try {
      request = toFetchRequest(req, this.origin, body, signal);
    } catch (error) {
      // An absolute-form target that is no URL (`POST http://[::1 HTTP/1.1`), a method Fetch forbids.
      const target = JSON.stringify((req.url ?? '').slice(0, 60));
      const why = error instanceof Error ? error.message : String(error);
      return this.refuse(res, { status: 400, reason: `no Fetch request can be made of ${target}: ${why}`, arrivedAt });
    }
    const { response, threw } = await this.answer(request);
    const durationMs = performance.now() - startedAt;
    const writtenAt = await this.write(res, response ?? this.fallback(req, threw));
    this.options.onExchange?.({
      request,
      target: req.url ?? '/',
      body: request.body === null ? null : body,
      arrivedAt,
      durationMs,
      response,
      threw,
      writtenAt,
    });
  }

  /** msw's answer: the first handler that returns a response, in order; a throw is a 500 and one error line. */
  private async answer(request: Request): Promise<{ response: Response | null; threw: boolean }> {
    try {
      const response = await getResponse(this.handlersFor(request.method), request, { baseUrl: this.origin });
      return { response: response ?? null, threw: false };
    } catch (error) {
      this.onHandlerError(explainUsedBody(error, request), request);
      return { response: null, threw: true };
    }
  }

  private fallback(req: IncomingMessage, threw: boolean): Response {
    return threw
      ? HttpResponse.json({ status: 'error', reason: 'a request handler threw' }, { status: 500 })
      : HttpResponse.json({ error: `no route for ${req.method} ${req.url}` }, { status: 404 });
  }

  /** Writes the answer; one that cannot be written (a broken body stream) drops the connection. */
  private async write(res: ServerResponse, response: Response): Promise<number | null> {
    try {
      return await writeFetchResponse(res, response);
    } catch (error) {
      this.onError(error);
      res.destroy();
      return null;
    }
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
   * answered like any other bad request, with a JSON reason, and counted. A TLS handshake that failed
   * comes here too on an HTTPS server: it is counted by `tlsClientError`, and there is nobody to answer.
   */
  private refuseUnparsed(error: NodeJS.ErrnoException, socket: Duplex): void {
    if (this.scheme === 'https' && !this.secured.has(socket)) return void socket.destroy();
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
 * msw clones the request for each handler it runs, once per copy of msw: a handler of the user's
 * module, loaded with its own copy, that reads the body and answers nothing leaves the next handler a
 * body Fetch refuses to clone ("unusable"). Said in words the user can act on; any other throw as it is.
 */
function explainUsedBody(error: unknown, request: Request): unknown {
  if (!(request.bodyUsed && error instanceof TypeError && /unusable/i.test(error.message))) return error;
  return new Error(
    `the body of ${describeRequest(request)} was read by a handler that answered nothing, before the next handler could read it: a handler that falls through must read request.clone()`,
    { cause: error },
  );
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
