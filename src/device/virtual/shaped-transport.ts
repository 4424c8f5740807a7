// The virtual phone's mobile link, between the app's HTTP client and the wire: the latency and the
// bandwidth the console's `network delay` and `network speed` set. Each request waits a latency
// drawn from the profile's range (the app's seeded random), then its bytes go up and the answer's
// come down through one shared link per direction at the profile's rate, as a phone's radio bearer
// is one pipe for all its sockets. Time spent on the link counts against the request's timeout, as
// it does on a phone: an answer too slow to come down is a timeout after the server has the SMS. Mobile
// data cut while a request waits on the link fails it, before or after the server has it.
import type { HttpRequest, HttpTransport, Random, TransportResult } from '../../../android-app/src/engine/ports';
import { dataFlows, normalLink, type LinkState } from '../../scenario/link-profiles';

/** Time for the link: a test passes one that records the waits and moves its own clock. */
export interface LinkClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLinkClock: LinkClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const headerBytes = (headers: Readonly<Record<string, string>>): number =>
  Object.entries(headers).reduce((sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${value}\r\n`), 0);

/** Bytes a POST puts on the uplink: its request line, headers and body. */
export const requestBytes = (request: HttpRequest): number =>
  Buffer.byteLength(`POST ${new URL(request.url).pathname} HTTP/1.1\r\n\r\n`) +
  headerBytes(request.headers) +
  Buffer.byteLength(request.body);

/** Bytes an answer brings down: its status line, headers and body. */
export const responseBytes = (result: Extract<TransportResult, { kind: 'response' }>): number =>
  Buffer.byteLength(`HTTP/1.1 ${result.status}\r\n\r\n`) + headerBytes(result.headers) + Buffer.byteLength(result.body);

const dataCut: TransportResult = {
  kind: 'network-error',
  code: 'ECONNRESET',
  message: 'mobile data went off while the request was on the link',
};

const timedOut = (ms: number): TransportResult => ({
  kind: 'network-error',
  code: 'ETIMEDOUT',
  message: `Timeout awaiting 'request' for ${ms}ms (slow mobile link)`,
});

export class ShapedTransport implements HttpTransport {
  private link: LinkState = normalLink;
  /** When each direction of the link is free again, on the link clock. */
  private upFreeAt = 0;
  private downFreeAt = 0;

  constructor(
    private readonly inner: HttpTransport,
    private readonly random: Random,
    private readonly clock: LinkClock = realLinkClock,
  ) {}

  /** The link from now on; requests already on it keep the time they were given. */
  set(link: LinkState): void {
    this.link = link;
  }

  async post(request: HttpRequest): Promise<TransportResult> {
    const { delay, speed } = this.link;
    const startedAt = this.clock.now();
    const latencyMs = delay.minMs + this.random.next() * (delay.maxMs - delay.minMs);
    const sentMs = latencyMs + this.onUplink(requestBytes(request), speed.upKbps);
    if (sentMs >= request.timeoutMs) {
      await this.clock.sleep(request.timeoutMs);
      return timedOut(request.timeoutMs);
    }
    if (sentMs > 0) await this.clock.sleep(sentMs);
    if (!dataFlows(this.link)) return dataCut;
    const result = await this.inner.post(
      sentMs > 0 ? { ...request, timeoutMs: Math.ceil(request.timeoutMs - sentMs) } : request,
    );
    if (result.kind !== 'response' || speed.downKbps <= 0) return result;
    const downMs = this.onDownlink(responseBytes(result), speed.downKbps);
    const left = request.timeoutMs - (this.clock.now() - startedAt);
    if (downMs >= left) {
      await this.clock.sleep(Math.max(0, left));
      return timedOut(request.timeoutMs);
    }
    if (downMs > 0) await this.clock.sleep(downMs);
    return dataFlows(this.link) ? result : dataCut;
  }

  /** Queues `bytes` on the uplink: ms from now until they are all sent (kbit/s is bits per ms). */
  private onUplink(bytes: number, kbps: number): number {
    if (kbps <= 0) return 0;
    const now = this.clock.now();
    this.upFreeAt = Math.max(now, this.upFreeAt) + (bytes * 8) / kbps;
    return this.upFreeAt - now;
  }

  private onDownlink(bytes: number, kbps: number): number {
    const now = this.clock.now();
    this.downFreeAt = Math.max(now, this.downFreeAt) + (bytes * 8) / kbps;
    return this.downFreeAt - now;
  }
}
