// A Fetch `Request` whose body is already in memory. Node's `new Request(url, { body, headers, signal })`
// turns the body into a ReadableStream, copies the headers and makes a signal that follows ours; then
// msw clones every request it handles, which tees that stream. On the stub's hot path that was about
// half of the CPU per webhook (profiled with autocannon, issue 7). This subclass keeps the bytes and
// the headers as they are, makes the abort signal only when asked for, and builds a stream only if a
// handler reads `body`.

export interface BufferedRequestInit {
  readonly method: string;
  readonly headers: Headers;
  /** Null for GET and HEAD. */
  readonly body: Buffer | null;
  /** Aborted when the client goes before the response is written; called on first use of `signal`. */
  readonly signal: () => AbortSignal;
}

const unusable = (): TypeError => new TypeError('Body is unusable: it was already read');

/** A Request whose body is in memory; see the top of this file. */
export function bufferedRequest(url: string, init: BufferedRequestInit): Request {
  // At runtime it is a Request (its prototype chain and Fetch brand are Request's); see FetchRequest.
  return new BufferedRequest(url, init) as unknown as Request;
}

// Request's typings declare body, headers, text()… as properties, so TypeScript refuses accessor and
// method overrides of them; the subclass extends the same constructor seen through a narrower type.
const FetchRequest: new (url: string, init: RequestInit) => Pick<Request, 'url' | 'method'> = Request;

class BufferedRequest extends FetchRequest {
  readonly #headers: Headers;
  readonly #body: Buffer | null;
  readonly #signal: () => AbortSignal;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null = null;

  constructor(url: string, init: BufferedRequestInit) {
    // The base object carries url, method and the Fetch brand; body, headers and signal live here.
    super(url, { method: init.method });
    this.#headers = init.headers;
    this.#body = init.body;
    this.#signal = init.signal;
  }

  get headers(): Headers {
    return this.#headers;
  }

  get signal(): AbortSignal {
    return this.#signal();
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === null) return null;
    this.#stream ??= new Blob([this.#body]).stream();
    return this.#stream;
  }

  /** The bytes, once, as Fetch allows. */
  #take(): Buffer {
    if (this.#used || this.#stream?.locked) throw unusable();
    this.#used = true;
    return this.#body ?? Buffer.alloc(0);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    return this.#take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.#headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    // Rare on a webhook: let a full Request parse it.
    const body = this.#take();
    return new Request(this.url, { method: this.method, headers: this.#headers, body }).formData();
  }

  clone(): Request {
    if (this.#used) throw unusable();
    return bufferedRequest(this.url, { method: this.method, headers: new Headers(this.#headers), body: this.#body, signal: this.#signal });
  }
}
