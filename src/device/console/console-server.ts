// The Android emulator console on a loopback TCP port, for the virtual device: same banner, same
// commands, same replies as the real emulator, so adb and our injector cannot tell them apart.
import net from 'node:net';
import { SmsgwError } from '../../errors';
import { defaultAuthTokenPath } from './auth-token';
import { authBanner, helpPrompt, replies } from './console-protocol';
import { ConsoleSession, type ConsoleLogger } from './console-session';
import type { LinkControl } from './link-commands';
import { consoleDefaults } from './defaults';
import { LineSplitter } from './line-splitter';
import { SmsReassembler } from '../../sms/sms-reassembly';

export interface ConsoleServerOptions {
  /** TCP port; 0 lets the OS choose (read it back from the result). */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** null or '' = no authentication, like an empty ~/.emulator_console_auth_token. */
  readonly authToken: string | null;
  /** Shown in the auth banner; default ~/.emulator_console_auth_token. */
  readonly authTokenPath?: string;
  /** Answer to `avd name`. */
  readonly avdName: string;
  /**
   * Stores one inbound SMS (from `sms send`, or the joined parts of `sms pdu`); OK is written only
   * after it resolves, `KO: <message>` if it rejects.
   */
  onSms(sender: string, text: string): Promise<void>;
  /** The device's network link, for `network …` and `gsm data|status`; without it the console has no such commands. */
  readonly link?: LinkControl;
  readonly logger?: ConsoleLogger;
  /** Connections served at once; the next one gets a KO line and is closed. Default consoleDefaults.maxConnections. */
  readonly maxConnections?: number;
  /**
   * A connection that has not authenticated (with auth off: sent no line) within this time gets
   * `KO: authentication timeout` and is closed; 0 never. Default consoleDefaults.authTimeoutMs.
   */
  readonly authTimeoutMs?: number;
}

export interface ConsoleServer {
  readonly port: number;
  /** Stops listening and drops every client. */
  close(): Promise<void>;
}

/** The open sockets, and how many of them are sessions being served (refused ones may still linger). */
class Connections {
  private readonly sockets = new Set<net.Socket>();
  private serving = 0;

  constructor(readonly max: number) {}

  /** Remembers the socket until it closes, so `destroyAll` reaches it. */
  track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Counts the socket as served until it closes; false when `max` are served already. */
  admit(socket: net.Socket): boolean {
    if (this.serving >= this.max) return false;
    this.serving += 1;
    socket.once('close', () => (this.serving -= 1));
    return true;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** What every connection of one server shares. */
interface ServerContext {
  readonly options: ConsoleServerOptions;
  readonly banner: string;
  readonly authTimeoutMs: number;
  readonly connections: Connections;
  // One for the device, as Android has one: the parts of an SMS may come over different connections.
  readonly reassembler: SmsReassembler;
}

/** A client that never closes its side must not hold the socket forever. */
const linger = (socket: net.Socket): void => void setTimeout(() => socket.destroy(), consoleDefaults.lingerMs).unref();

function acceptConnection(socket: net.Socket, context: ServerContext): void {
  const { connections, options } = context;
  connections.track(socket);
  // Clients vanish mid-reply (ECONNRESET, EPIPE): that ends their session, never the server.
  socket.on('error', (error) => options.logger?.debug(`console client error: ${error.message}`));
  if (!connections.admit(socket)) {
    // Before the banner: adb prints this line, and our client reports it as the console's answer.
    socket.end(replies.tooManyConnections(connections.max));
    linger(socket);
    options.logger?.debug(`console connection refused: ${connections.max} already open`);
    return;
  }
  serveConnection(socket, context);
}

/** One console session on the socket: lines in, replies out, the banner first. */
function serveConnection(socket: net.Socket, context: ServerContext): void {
  const { options } = context;
  socket.setNoDelay(true);
  const write = (text: string): void => {
    if (socket.writable) socket.write(text);
  };
  const session = new ConsoleSession({
    authToken: options.authToken,
    avdName: options.avdName,
    onSms: (sender, text) => options.onSms(sender, text),
    ...(options.link ? { link: options.link } : {}),
    reassembler: context.reassembler,
    write,
    end: () => {
      socket.end();
      linger(socket);
    },
    throttle: (paused) => (paused ? socket.pause() : socket.resume()),
    logger: options.logger,
  });
  const splitter = new LineSplitter(consoleDefaults.maxLineBytes, {
    line: (bytes) => session.enqueueLine(bytes),
    overlong: () => session.enqueueOverlong(),
  });
  socket.on('data', (chunk: Buffer) => splitter.push(chunk));
  if (context.authTimeoutMs > 0) closeUnauthenticated(socket, session, context.authTimeoutMs);
  write(context.banner);
}

/** Idle connections cost nothing to open and would otherwise be held for ever. */
function closeUnauthenticated(socket: net.Socket, session: ConsoleSession, authTimeoutMs: number): void {
  const timer = setTimeout(() => {
    if (!session.admitted) session.abort(replies.authTimeout);
  }, authTimeoutMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Listens on host:port; a taken port is `port-unavailable`, with a hint. */
async function listen(server: net.Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new SmsgwError('port-unavailable', `Cannot open the emulator console on ${host}:${port}: ${error.message}`, {
      hint:
        error.code === 'EADDRINUSE'
          ? 'another emulator or device uses this port: pick another one, or 0 for any free port'
          : undefined,
      cause: error,
    });
  });
}

/** Starts an emulator console; rejects with `port-unavailable` when the port is taken. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? consoleDefaults.host;
  const context: ServerContext = {
    options,
    banner: options.authToken ? authBanner(options.authTokenPath ?? defaultAuthTokenPath()) : helpPrompt + replies.ok,
    authTimeoutMs: options.authTimeoutMs ?? consoleDefaults.authTimeoutMs,
    connections: new Connections(options.maxConnections ?? consoleDefaults.maxConnections),
    reassembler: new SmsReassembler(),
  };
  const server = net.createServer((socket) => acceptConnection(socket, context));
  await listen(server, options.port, host);
  server.on('error', (error) => options.logger?.warn(`console server error: ${error.message}`));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        context.connections.destroyAll();
        server.close(() => resolve());
      }),
  };
}
