// The Android emulator console on a loopback TCP port, for the virtual device: same banner, same
// commands, same replies as the real emulator, so adb and our injector cannot tell them apart.
import net from 'node:net';
import { SmsgwError } from '../../errors';
import { defaultAuthTokenPath } from './auth-token';
import { authBanner, helpPrompt, replies } from './console-protocol';
import { ConsoleSession, type ConsoleLogger } from './console-session';
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

/** Starts an emulator console; rejects with `port-unavailable` when the port is taken. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? consoleDefaults.host;
  const banner = options.authToken
    ? authBanner(options.authTokenPath ?? defaultAuthTokenPath())
    : helpPrompt + replies.ok;
  const sockets = new Set<net.Socket>();
  const maxConnections = options.maxConnections ?? consoleDefaults.maxConnections;
  const authTimeoutMs = options.authTimeoutMs ?? consoleDefaults.authTimeoutMs;
  // Sessions being served: every socket but the refused ones still lingering.
  let serving = 0;
  // One for the device, as Android has one: the parts of an SMS may come over different connections.
  const reassembler = new SmsReassembler();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Clients vanish mid-reply (ECONNRESET, EPIPE): that ends their session, never the server.
    socket.on('error', (error) => options.logger?.debug(`console client error: ${error.message}`));
    // A client that never closes its side must not hold the socket forever.
    const linger = (): void => void setTimeout(() => socket.destroy(), consoleDefaults.lingerMs).unref();
    if (serving >= maxConnections) {
      // Before the banner: adb prints this line, and our client reports it as the console's answer.
      socket.end(replies.tooManyConnections(maxConnections));
      linger();
      options.logger?.debug(`console connection refused: ${maxConnections} already open`);
      return;
    }
    serving += 1;
    socket.once('close', () => (serving -= 1));
    socket.setNoDelay(true);
    const write = (text: string): void => {
      if (socket.writable) socket.write(text);
    };
    const session = new ConsoleSession({
      authToken: options.authToken,
      avdName: options.avdName,
      onSms: (sender, text) => options.onSms(sender, text),
      reassembler,
      write,
      end: () => {
        socket.end();
        linger();
      },
      throttle: (paused) => (paused ? socket.pause() : socket.resume()),
      logger: options.logger,
    });
    const splitter = new LineSplitter(consoleDefaults.maxLineBytes, {
      line: (bytes) => session.enqueueLine(bytes),
      overlong: () => session.enqueueOverlong(),
    });
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    if (authTimeoutMs > 0) {
      // Idle connections cost nothing to open and would otherwise be held for ever.
      const timer = setTimeout(() => {
        if (!session.admitted) session.abort(replies.authTimeout);
      }, authTimeoutMs);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    }
    write(banner);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new SmsgwError(
      'port-unavailable',
      `Cannot open the emulator console on ${host}:${options.port}: ${error.message}`,
      {
        hint:
          error.code === 'EADDRINUSE'
            ? 'another emulator or device uses this port: pick another one, or 0 for any free port'
            : undefined,
        cause: error,
      },
    );
  });
  server.on('error', (error) => options.logger?.warn(`console server error: ${error.message}`));

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
