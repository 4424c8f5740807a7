import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getResponse, HttpHandler, HttpResponse, type RequestHandler } from 'msw';
import { SmsgwError } from '../errors';
import { stubDefaults } from './defaults';
import { connectionSignal, readBody, toFetchRequest, writeFetchResponse } from './fetch-bridge';

export interface MswHttpServerOptions {
  readonly handlers: readonly RequestHandler[];
  /** Bodies above this are answered 413. Default `stubDefaults.maxBodyBytes`. */
  readonly maxBodyBytes?: number;
  /** Errors a handler throws (answered 500) and server errors after listening. Default `console.error`. */
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
  const { handlers, maxBodyBytes = stubDefaults.maxBodyBytes, onError = console.error, onRefused, onWritten } = options;
  let origin = 'http://127.0.0.1';
  const handlersFor = handlersByMethod(handlers);

  const refuse = (res: ServerResponse, status: 400 | 413, reason: string, arrivedAt: number): void => {
    res
      .writeHead(status, { 'content-type': 'application/json', connection: 'close' })
      .end(JSON.stringify({ status: 'rejected', reason }));
    onRefused?.({ status, reason, arrivedAt, answeredAt: Date.now() });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const arrivedAt = Date.now();
    // Aborts the handler's `request.signal` when the connection goes before the response is written.
    const signal = connectionSignal(res);
    // A client that vanishes mid-body rejects here; nobody is left to answer.
    const body = await readBody(req, maxBodyBytes).catch(() => undefined);
    if (body === undefined) return;
    if (body === null) return refuse(res, 413, `body over ${maxBodyBytes} bytes`, arrivedAt);
    let request: Request;
    try {
      request = toFetchRequest(req, origin, body, signal);
    } catch {
      // An absolute-form target that is no URL (`POST http://[::1 HTTP/1.1`).
      return refuse(
        res,
        400,
        `request target is not a URL: ${JSON.stringify((req.url ?? '').slice(0, 60))}`,
        arrivedAt,
      );
    }
    const response =
      (await getResponse(handlersFor(request.method), request, { baseUrl: origin })) ??
      HttpResponse.json({ error: `no route for ${req.method} ${req.url}` }, { status: 404 });
    const writtenAt = await writeFetchResponse(res, response);
    if (writtenAt !== null) onWritten?.(response, writtenAt);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  // Node's parser refused the request (bad chunking, two Content-Lengths, a garbage request line):
  // answered like any other bad request, with a JSON reason, and counted.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const reason = `malformed HTTP request (${error.code ?? error.message})`;
    const arrivedAt = Date.now();
    const body = JSON.stringify({ status: 'rejected', reason });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    onRefused?.({ status: 400, reason, arrivedAt, answeredAt: Date.now() });
  });
  // Listen errors are rejected by `listen`; only errors of a listening server are reported.
  server.on('error', (error) => {
    if (server.listening) onError(error);
  });

  return {
    get listening() {
      return server.listening;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const fail = (error: NodeJS.ErrnoException) => {
          server.off('listening', done);
          reject(listenError(error, port, host));
        };
        const done = () => {
          server.off('error', fail);
          const address = server.address();
          const bound = typeof address === 'object' && address ? address.port : port;
          origin = `http://${urlHost(host)}:${bound}`;
          resolve(bound);
        };
        server.once('error', fail).once('listening', done).listen(port, host);
      });
    },
    stopListening() {
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * The handlers that could answer a method, in their order; msw still matches and runs them. msw
 * parses the URL, compiles the path and reads cookies for every handler it tries, so a webhook POST
 * should not pay for the control GETs (issue 7).
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
