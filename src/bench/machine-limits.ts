// The limits of this machine, measured in the same run as everything they are compared with:
// raw SQLite commits, raw HTTP round trips, raw TCP line round trips.
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import got from 'got';
import { Agent } from 'node:http';
import { concurrentRate, sequentialRate, type RateOptions } from './measure';

/** Single-row autocommit inserts per second, WAL and synchronous=FULL as the device uses, on `dir`'s disk. */
export async function rawInsertRate(dir: string, options: RateOptions): Promise<number> {
  const db = new Database(join(dir, 'raw-insert.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, sender TEXT, body TEXT, at INTEGER)');
  const insert = db.prepare('INSERT INTO t (sender, body, at) VALUES (?, ?, ?)');
  try {
    return await sequentialRate(() => insert.run('+15551234', 'Your code is 123456', Date.now()), options);
  } finally {
    db.close();
  }
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A bare node:http server answering every POST with 200 `{}`: the ceiling any webhook stub is held to. */
export function bareHttpServer(): Server {
  return createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
}

/** POSTs per second from got (keep-alive) to a bare node:http server at `concurrency`. */
export async function rawHttpRate(concurrency: number, options: RateOptions): Promise<number> {
  const server = bareHttpServer();
  const port = await listen(server);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({ messageId: 'x', from: '+15551234', text: 'Your code is 123456' });
  try {
    return await concurrentRate(
      () => got.post(`http://127.0.0.1:${port}/`, { body, agent: { http: agent }, retry: { limit: 0 } }),
      concurrency,
      options,
    );
  } finally {
    agent.destroy();
    server.closeAllConnections();
    server.close();
  }
}

/** Line round trips per second over one loopback TCP connection (write a line, wait for the echo). */
export async function rawTcpRoundTrips(options: RateOptions): Promise<number> {
  const server = createTcpServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.setNoDelay(true);
  let waiting: (() => void) | null = null;
  socket.on('data', () => waiting?.());
  try {
    return await sequentialRate(
      () =>
        new Promise<void>((resolve) => {
          waiting = resolve;
          socket.write('ping\r\n');
        }),
      options,
    );
  } finally {
    socket.destroy();
    server.close();
  }
}
