// `HttpResponse.json` for the stub's own handlers, without Fetch's machinery. Node's Response parses
// its init through WebIDL, copies the headers into a Headers list and turns a string body into a
// ReadableStream; msw's HttpResponse then decorates it; and the server read the stream back to write
// it. That was about a tenth of the stub's CPU per webhook (profiled under autocannon).
//
// This response is an HttpResponse by its prototype chain (`instanceof HttpResponse` and `Response`)
// without running their constructors: it answers every attribute of the Response interface itself,
// keeps the text and a plain header record, and the server writes them as they are
// (`knownResponse`). A Headers object or a stream is made only if someone asks for one.
import { STATUS_CODES } from 'node:http';
import { HttpResponse, type JsonBodyType } from 'msw';

export interface JsonResponseInit {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Statuses whose responses carry no body (Fetch's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A JSON response, as `HttpResponse.json` makes it (status text, content type and length included). */
export function jsonResponse(value: unknown, init: JsonResponseInit = {}): HttpResponse<string> {
  if (init.status !== undefined && NULL_BODY.has(init.status))
    return HttpResponse.json(value as JsonBodyType, init) as unknown as HttpResponse<string>;
  const text = JSON.stringify(value);
  const status = init.status ?? 200;
  const head: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  };
  for (const [name, headerValue] of Object.entries(init.headers ?? {})) head[name.toLowerCase()] = headerValue;
  return new TextResponse(status, STATUS_CODES[status] ?? '', head, text) as unknown as HttpResponse<string>;
}

/** What the server writes for a response made by `jsonResponse`; undefined for any other response. */
export interface KnownResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const knownResponse = (response: Response): KnownResponse | undefined =>
  response instanceof TextResponse ? response.pristine() : undefined;

const unusable = (): TypeError => new TypeError('Body is unusable: it was already read');

class TextResponse {
  readonly known: KnownResponse;
  private headerList: Headers | null = null;
  private used = false;
  private stream: ReadableStream<Uint8Array> | null = null;

  constructor(status: number, statusText: string, headers: Record<string, string>, body: string) {
    this.known = { status, statusText, headers, body };
  }

  /** What the server writes, while nobody has taken the body or the Headers (which could be changed). */
  pristine(): KnownResponse | undefined {
    return this.headerList === null && !this.used && this.stream === null ? this.known : undefined;
  }

  get type(): Response['type'] {
    return 'default';
  }

  get url(): string {
    return '';
  }

  get redirected(): boolean {
    return false;
  }

  get status(): number {
    return this.known.status;
  }

  get ok(): boolean {
    return this.known.status >= 200 && this.known.status < 300;
  }

  get statusText(): string {
    return this.known.statusText;
  }

  get headers(): Headers {
    this.headerList ??= new Headers(this.known.headers);
    return this.headerList;
  }

  get body(): ReadableStream<Uint8Array> {
    this.stream ??= new Blob([this.known.body]).stream();
    return this.stream;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private take(): string {
    if (this.used || this.stream?.locked) throw unusable();
    this.used = true;
    return this.known.body;
  }

  async text(): Promise<string> {
    return this.take();
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.take());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.take());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.take()], { type: this.known.headers['content-type'] ?? '' });
  }

  async formData(): Promise<FormData> {
    return new Response(this.take(), { headers: this.headerList ?? this.known.headers }).formData();
  }

  clone(): Response {
    if (this.used) throw unusable();
    const { status, statusText, headers, body } = this.known;
    return new TextResponse(
      status,
      statusText,
      this.headerList ? Object.fromEntries(this.headerList) : { ...headers },
      body,
    ) as unknown as Response;
  }
}

// An HttpResponse by prototype: `instanceof HttpResponse` and `instanceof Response` hold, and the
// Response prototype's methods and accessors are all shadowed by the ones above.
Object.setPrototypeOf(TextResponse.prototype, HttpResponse.prototype);
