// Test helpers for the console: a raw TCP peer that records every byte, a controllable promise, and a
// port nobody listens on.
import net from 'node:net';

/** A plain TCP client that keeps everything it receives, for byte-exact assertions. */
export class RawPeer {
  private received = Buffer.alloc(0);
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      for (const waiter of this.waiters) waiter();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new RawPeer(socket)));
      socket.once('error', reject);
    });
  }

  /** Everything received so far, as UTF-8. */
  get text(): string {
    return this.received.toString('utf8');
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Resolves with all text received once `done(text)` holds; rejects after `timeoutMs`. */
  until(done: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
    if (done(this.text)) return Promise.resolve(this.text);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done(this.text)) return;
        cleanup();
        resolve(this.text);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting; received so far: ${JSON.stringify(this.text)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Waits until the received text ends with `suffix` (a whole reply, usually). */
  untilEndsWith(suffix: string, timeoutMs?: number): Promise<string> {
    return this.until((text) => text.endsWith(suffix), timeoutMs);
  }

  /** Clears what was received, so the next assertion sees only new bytes. */
  reset(): void {
    this.received = Buffer.alloc(0);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A port nobody listens on: bound by the OS, then released. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
