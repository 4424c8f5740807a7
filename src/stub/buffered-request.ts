// A Fetch `Request` whose body is already in memory. Node's `new Request(url, init)` parses the URL,
// copies the headers, makes an AbortController and turns the body into a ReadableStream: about 15 µs
// of CPU, paid twice per webhook because msw clones every request it handles. On the stub's hot path
// that was the largest single cost (profiled under autocannon).
//
// This class is a Request by its prototype chain (`instanceof Request`, Fetch's brand check) without
// running Request's constructor: it answers every attribute of the Request interface itself, keeps
// the bytes and the headers as they are, makes the abort signal only when asked for, and builds a
// stream only if a handler reads `body`. Nothing of Request's own state is ever read.

export interface BufferedRequestInit {
  readonly method: string;
  readonly headers: Headers;
  /** Null for GET and HEAD. */
  readonly body: Buffer | null;
  /** Aborted when the client goes before the response is written; called on first use of `signal`. */
  readonly signal: () => AbortSignal;
}

const unusable = (): TypeError => new TypeError('Body is unusable: it was already read');

/**
 * A Request whose body is in memory; see the top of this file. `url` must be absolute; like
 * `new Request`, a URL that does not parse throws a TypeError.
 */
export function bufferedRequest(url: string, init: BufferedRequestInit): Request {
  return new BufferedRequest(new URL(url).href, init) as unknown as Request;
}

class BufferedRequest {
  private readonly href: string;
  private readonly methodName: string;
  private readonly headerList: Headers;
  private readonly bodyBytes: Buffer | null;
  private readonly signalOf: () => AbortSignal;
  private used = false;
  private stream: ReadableStream<Uint8Array> | null = null;

  constructor(url: string, init: BufferedRequestInit) {
    this.href = url;
    this.methodName = init.method;
    this.headerList = init.headers;
    this.bodyBytes = init.body;
    this.signalOf = init.signal;
  }

  get url(): string {
    return this.href;
  }

  get method(): string {
    return this.methodName;
  }

  get headers(): Headers {
    return this.headerList;
  }

  get signal(): AbortSignal {
    return this.signalOf();
  }

  // What a Request made by `new Request(url, { method, headers, body })` reports.
  get cache(): Request['cache'] {
    return 'default';
  }

  get credentials(): Request['credentials'] {
    return 'same-origin';
  }

  get destination(): Request['destination'] {
    return '';
  }

  get integrity(): string {
    return '';
  }

  get keepalive(): boolean {
    return false;
  }

  get mode(): Request['mode'] {
    return 'cors';
  }

  get redirect(): Request['redirect'] {
    return 'follow';
  }

  get referrer(): string {
    return 'about:client';
  }

  get referrerPolicy(): Request['referrerPolicy'] {
    return '';
  }

  get isReloadNavigation(): boolean {
    return false;
  }

  get isHistoryNavigation(): boolean {
    return false;
  }

  get duplex(): 'half' {
    return 'half';
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.bodyBytes === null) return null;
    this.stream ??= new Blob([this.bodyBytes]).stream();
    return this.stream;
  }

  /** The bytes, once, as Fetch allows. */
  private take(): Buffer {
    if (this.used || this.stream?.locked) throw unusable();
    this.used = true;
    return this.bodyBytes ?? Buffer.alloc(0);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.take()], { type: this.headerList.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    // Rare on a webhook: let a full Request parse it.
    const body = this.take();
    return new Request(this.href, { method: this.methodName, headers: this.headerList, body }).formData();
  }

  clone(): Request {
    if (this.used) throw unusable();
    return new BufferedRequest(this.href, {
      method: this.methodName,
      headers: new Headers(this.headerList),
      body: this.bodyBytes,
      signal: this.signalOf,
    }) as unknown as Request;
  }
}

// A Request by prototype: `instanceof Request` holds, and the Request prototype's methods and
// accessors are all shadowed by the ones above.
Object.setPrototypeOf(BufferedRequest.prototype, Request.prototype);
