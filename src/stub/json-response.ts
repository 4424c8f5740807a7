// `HttpResponse.json` for the stub's own handlers, without the body stream. Node's Response turns a
// string body into a ReadableStream, and the server then reads the stream back to write it: about a
// tenth of the stub's CPU per webhook (profiled under autocannon, issue 7). This response keeps the
// text, and the server writes it as is (`knownBody`); a stream is made only if someone reads `body`.
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
  if (init.status !== undefined && NULL_BODY.has(init.status)) return HttpResponse.json(value as JsonBodyType, init) as unknown as HttpResponse<string>;
  const text = JSON.stringify(value);
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...init.headers };
  // At runtime it is an HttpResponse: TextResponse extends it, seen through a narrower type.
  return new TextResponse(text, { status: init.status ?? 200, headers }) as unknown as HttpResponse<string>;
}

/** The body text of a response made by `jsonResponse`; undefined for any other response. */
export const knownBody = (response: Response): string | undefined => (response instanceof TextResponse ? response.text$ : undefined);

// HttpResponse's typings declare body, text()… as properties, so TypeScript refuses accessor and
// method overrides of them; the subclass extends the same constructor seen through a narrower type.
const BaseResponse: new (body: null, init: { status: number; headers: Record<string, string> }) => Pick<Response, 'status' | 'headers'> = HttpResponse;

class TextResponse extends BaseResponse {
  /** The body, for the server; read through `knownBody`. */
  readonly text$: string;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null = null;

  constructor(text: string, init: { status: number; headers: Record<string, string> }) {
    super(null, init);
    this.text$ = text;
  }

  get body(): ReadableStream<Uint8Array> {
    this.#stream ??= new Blob([this.text$]).stream();
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  #take(): string {
    if (this.#used || this.#stream?.locked) throw new TypeError('Body is unusable: it was already read');
    this.#used = true;
    return this.text$;
  }

  async text(): Promise<string> {
    return this.#take();
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.#take());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.#take());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Body is unusable: it was already read');
    return new TextResponse(this.text$, { status: this.status, headers: Object.fromEntries(this.headers) }) as unknown as Response;
  }
}
