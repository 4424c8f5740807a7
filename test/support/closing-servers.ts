// Test servers and transports closed after each test, whatever it asserted: every open connection
// dropped first, so no keep-alive socket holds the server (or the test) open.
import type { Server } from 'node:net';
import { afterEach } from 'vitest';

export interface Closable {
  close(): void;
}

/** Registers an afterEach that closes what the test handed to `server` and `transport`; returns both. */
export function closeAfterEach(): {
  server<T extends Server & { closeAllConnections(): void }>(server: T): T;
  transport<T extends Closable>(transport: T): T;
  /** Closes the servers now (a test that needs a refused connection); the transports wait for afterEach. */
  closeServers(): Promise<void>;
} {
  const servers: (Server & { closeAllConnections(): void })[] = [];
  const transports: Closable[] = [];
  const closeServers = async (): Promise<void> => {
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
          }),
      ),
    );
  };
  afterEach(async () => {
    for (const transport of transports.splice(0)) transport.close();
    await closeServers();
  });
  return {
    server: (server) => (servers.push(server), server),
    transport: (transport) => (transports.push(transport), transport),
    closeServers,
  };
}
