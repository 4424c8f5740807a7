// A scripted webhook: each POST is answered by the test's handler, and every request is kept.
import type { HttpRequest, HttpTransport, TransportResult } from '../../src/engine/ports';

export type FakeHandler = (request: HttpRequest, index: number) => TransportResult | Promise<TransportResult>;

export class FakeTransport implements HttpTransport {
  readonly requests: HttpRequest[] = [];
  private handler: FakeHandler;
  private openCount = 0;
  private openPeak = 0;

  constructor(handler: FakeHandler = () => respond(200)) {
    this.handler = handler;
  }

  setHandler(handler: FakeHandler): void {
    this.handler = handler;
  }

  get inFlight(): number {
    return this.openCount;
  }

  /** The most POSTs ever in flight at once. */
  get maxInFlight(): number {
    return this.openPeak;
  }

  /** messageIds in the order their POSTs were made. */
  get keys(): string[] {
    return this.requests.map((request) => request.headers['Idempotency-Key'] ?? '');
  }

  async post(request: HttpRequest): Promise<TransportResult> {
    const index = this.requests.length;
    this.requests.push(request);
    this.openCount++;
    this.openPeak = Math.max(this.openPeak, this.openCount);
    try {
      return await this.handler(request, index);
    } finally {
      this.openCount--;
    }
  }
}

export function respond(status: number, headers: Record<string, string> = {}, body = ''): TransportResult {
  return { kind: 'response', status, headers, body };
}

export function networkError(code: string, message = code): TransportResult {
  return { kind: 'network-error', code, message };
}

/** A promise the test resolves later, to hold a request in flight. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
